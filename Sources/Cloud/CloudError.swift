/// An error answered by a cloud API, named as AWS names it, with the resource it concerns.
///
/// `code.rawValue` is AWS's error name (`ResourceNotFoundException`, `NoSuchEntity`, …);
/// `message` follows AWS's wording where it is known. `isRetryable` tells callers whether the
/// same call may succeed later (throttling, service errors, an update still in progress).
public struct CloudError: Error, Sendable, Hashable, CustomStringConvertible {
    /// AWS's error name.
    public var code: Code
    /// What went wrong, in AWS's words where known.
    public var message: String
    /// The ARN or name of the resource the error concerns, when there is one.
    public var resource: String?
    /// Whether repeating the call later may succeed.
    public var isRetryable: Bool
    /// A throttling reason (`CallerRateLimitExceeded`, `ReservedFunctionConcurrentInvocationLimitExceeded`, …).
    public var reason: String?

    /// Creates an error; `retryable` defaults to what the code implies.
    public init(_ code: Code, _ message: String, resource: String? = nil, retryable: Bool? = nil, reason: String? = nil) {
        self.code = code
        self.message = message
        self.resource = resource
        self.isRetryable = retryable ?? code.isRetryableByDefault
        self.reason = reason
    }

    /// The HTTP status AWS answers with for this error.
    public var httpStatus: Int { code.httpStatus }

    /// `Code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}

extension CloudError {
    /// An AWS error name. Open set: a provider may answer codes not listed here.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// The name as AWS sends it.
        public var rawValue: String
        /// Wraps an AWS error name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Wraps an AWS error name.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// The name.
        public var description: String { rawValue }

        // Shared and Lambda
        /// The resource (function, version, alias) does not exist.
        public static let resourceNotFound: Code = "ResourceNotFoundException"
        /// The resource already exists, or an update is in progress.
        public static let resourceConflict: Code = "ResourceConflictException"
        /// Lambda throttling.
        public static let tooManyRequests: Code = "TooManyRequestsException"
        /// Lambda internal error.
        public static let serviceException: Code = "ServiceException"
        /// The service or region does not answer.
        public static let serviceUnavailable: Code = "ServiceUnavailable"
        /// The caller may not perform the call.
        public static let accessDenied: Code = "AccessDeniedException"
        /// A parameter value is not accepted.
        public static let invalidParameterValue: Code = "InvalidParameterValueException"
        /// A parameter does not satisfy its constraints.
        public static let validation: Code = "ValidationException"
        /// A revision id given as a precondition does not match.
        public static let preconditionFailed: Code = "PreconditionFailedException"
        /// A request or payload is too large.
        public static let requestTooLarge: Code = "RequestEntityTooLargeException"
        /// The request body is not valid JSON.
        public static let invalidRequestContent: Code = "InvalidRequestContentException"
        /// The function is not ready to be invoked.
        public static let resourceNotReady: Code = "ResourceNotReadyException"
        /// The region's code storage is full.
        public static let codeStorageExceeded: Code = "CodeStorageExceededException"

        // Step Functions
        /// The state machine does not exist.
        public static let stateMachineDoesNotExist: Code = "StateMachineDoesNotExist"
        /// A state machine of that name exists with a different definition.
        public static let stateMachineAlreadyExists: Code = "StateMachineAlreadyExists"
        /// The state machine is being deleted.
        public static let stateMachineDeleting: Code = "StateMachineDeleting"
        /// The state machine quota is reached.
        public static let stateMachineLimitExceeded: Code = "StateMachineLimitExceeded"
        /// The operation is not supported for this type of state machine.
        public static let stateMachineTypeNotSupported: Code = "StateMachineTypeNotSupported"
        /// The Amazon States Language definition is not valid.
        public static let invalidDefinition: Code = "InvalidDefinition"
        /// The ARN is malformed.
        public static let invalidArn: Code = "InvalidArn"
        /// The name is not valid.
        public static let invalidName: Code = "InvalidName"
        /// The logging configuration is not valid.
        public static let invalidLoggingConfiguration: Code = "InvalidLoggingConfiguration"
        /// A concurrent or conflicting update.
        public static let conflict: Code = "ConflictException"
        /// Step Functions' not-found for versions and aliases.
        public static let stepFunctionsResourceNotFound: Code = "ResourceNotFound"
        /// A Step Functions quota is exceeded.
        public static let serviceQuotaExceeded: Code = "ServiceQuotaExceededException"
        /// A required parameter is missing.
        public static let missingRequiredParameter: Code = "MissingRequiredParameter"
        /// Step Functions throttling.
        public static let throttling: Code = "ThrottlingException"
        /// The execution does not exist.
        public static let executionDoesNotExist: Code = "ExecutionDoesNotExist"
        /// An execution of that name exists.
        public static let executionAlreadyExists: Code = "ExecutionAlreadyExists"
        /// The execution input is not valid JSON.
        public static let invalidExecutionInput: Code = "InvalidExecutionInput"
        /// Too many tags.
        public static let tooManyTags: Code = "TooManyTags"

        // IAM (query protocol: no Exception suffix)
        /// The IAM entity does not exist.
        public static let noSuchEntity: Code = "NoSuchEntity"
        /// The IAM entity already exists.
        public static let entityAlreadyExists: Code = "EntityAlreadyExists"
        /// The entity is still in use (attached policies, inline policies, versions).
        public static let deleteConflict: Code = "DeleteConflict"
        /// An IAM quota is exceeded (policy versions, sizes, attachments).
        public static let limitExceeded: Code = "LimitExceeded"
        /// The policy document is not valid.
        public static let malformedPolicyDocument: Code = "MalformedPolicyDocument"
        /// An IAM parameter is not valid.
        public static let invalidInput: Code = "InvalidInput"
        /// IAM's parameter validation error.
        public static let validationError: Code = "ValidationError"
        /// IAM internal failure.
        public static let serviceFailure: Code = "ServiceFailure"
        /// The entity cannot be modified (service-linked).
        public static let unmodifiableEntity: Code = "UnmodifiableEntity"
        /// The policy cannot be attached.
        public static let policyNotAttachable: Code = "PolicyNotAttachable"
        /// A concurrent IAM modification.
        public static let concurrentModification: Code = "ConcurrentModification"
        /// IAM throttling.
        public static let iamThrottling: Code = "Throttling"

        /// The HTTP status AWS answers with.
        public var httpStatus: Int {
            switch self {
            case .resourceNotFound, .noSuchEntity: return 404
            case .resourceConflict, .entityAlreadyExists, .deleteConflict, .limitExceeded,
                 .concurrentModification, .conflict: return 409
            case .tooManyRequests: return 429
            case .serviceException, .serviceFailure: return 500
            case .resourceNotReady: return 502
            case .serviceUnavailable: return 503
            case .accessDenied: return 403
            case .preconditionFailed: return 412
            case .requestTooLarge: return 413
            case .serviceQuotaExceeded: return 402
            default: return 400
            }
        }

        /// Whether an error with this code is worth retrying unless the answer says otherwise.
        public var isRetryableByDefault: Bool {
            switch self {
            case .tooManyRequests, .throttling, .iamThrottling, .serviceException, .serviceUnavailable,
                 .serviceFailure, .concurrentModification, .resourceNotReady:
                return true
            default:
                return false
            }
        }
    }
}

extension CloudError {
    /// Whether the error means the addressed resource does not exist (any service's wording).
    public var isNotFound: Bool {
        [.resourceNotFound, .stateMachineDoesNotExist, .stepFunctionsResourceNotFound, .noSuchEntity,
         .executionDoesNotExist].contains(code)
    }

    /// Whether the error is a throttling answer (any service's wording).
    public var isThrottling: Bool {
        [.tooManyRequests, .throttling, .iamThrottling].contains(code)
    }
}
