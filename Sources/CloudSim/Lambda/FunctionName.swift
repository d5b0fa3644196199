import Cloud

/// A function addressed by name, partial ARN or ARN, with its optional qualifier.
struct FunctionName: Hashable, Sendable {
    /// The plain function name.
    var name: String
    /// A version, `$LATEST` or an alias name.
    var qualifier: String?

    static let pattern = #"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?"#

    /// Parses `function` (and a separate `qualifier`) as Lambda does, checking it is in `scope`.
    init(parsing function: String, qualifier: String?, in scope: CloudScope) throws {
        // Built only when thrown: every Invoke parses its function name.
        var invalidPattern: CloudError {
            CloudError(.validation,
                "1 validation error detected: Value '\(function)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(FunctionName.pattern)")
        }
        guard !function.isEmpty else {
            throw CloudError(.validation, "1 validation error detected: Value '' at 'functionName' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        var parts = function.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let isPlain = parts.count <= 2 && !function.hasPrefix("arn:")
        if !isPlain, function.count > 140 {
            throw CloudError(.validation, "1 validation error detected: Value '\(function)' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140")
        }
        var arnRegion: String?
        var arnAccount: String?
        if parts.first == "arn" {
            guard parts.count >= 7, parts[1].hasPrefix("aws"), parts[2] == "lambda" else { throw invalidPattern }
            arnRegion = parts[3]
            arnAccount = parts[4]
            parts.removeFirst(5)
        } else {
            if let first = parts.first, CloudScope.isValidRegion(first), parts.count > 2 {
                arnRegion = first
                parts.removeFirst()
            }
            if let first = parts.first, CloudScope.isValidAccount(first), parts.count > 1 {
                arnAccount = first
                parts.removeFirst()
            }
        }
        if parts.first == "function" && parts.count > 1 { parts.removeFirst() }
        guard (1...2).contains(parts.count) else { throw invalidPattern }
        let name = parts[0]
        let derived = parts.count == 2 ? parts[1] : nil
        guard FunctionName.isNameToken(name) else { throw invalidPattern }
        if let derived, derived != "$LATEST", !FunctionName.isNameToken(derived) { throw invalidPattern }
        if isPlain, name.count > 64 {
            throw CloudError(.invalidParameterValue, "1 validation error detected: Value '\(name)' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64")
        }
        if let region = arnRegion, !region.isEmpty, region != scope.region {
            throw CloudError(.resourceNotFound, "Functions from '\(region)' are not reachable in this region ('\(scope.region)')", resource: function)
        }
        if let account = arnAccount, !account.isEmpty, account != scope.account {
            throw CloudError(.accessDenied, "User: arn:\(scope.partition):iam::\(scope.account):root is not authorized to perform this operation on resource: \(function) because it belongs to account \(account)", resource: function)
        }
        if let qualifier, let derived, qualifier != derived {
            throw CloudError(.invalidParameterValue, "The derived qualifier from the function name does not match the specified qualifier.")
        }
        if let qualifier, qualifier.isEmpty || qualifier.count > 128 || (qualifier != "$LATEST" && !FunctionName.isNameToken(qualifier)) {
            throw CloudError(.validation, "1 validation error detected: Value '\(qualifier)' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)")
        }
        self.name = name
        self.qualifier = derived ?? qualifier
    }

    /// Whether `text` is non-empty and only letters, digits, `-` and `_`.
    static func isNameToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
        }
    }

    /// Rejects a qualifier on operations that act on the function as a whole.
    func requireUnqualified(message: String) throws {
        if qualifier != nil { throw CloudError(.invalidParameterValue, message) }
    }
}
