/// An Amazon Resource Name: `arn:partition:service:region:account:resource`.
public struct ARN: Hashable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    public var partition: String
    /// The service namespace: `lambda`, `states`, `iam`, …
    public var service: String
    /// The region, empty for global services such as IAM.
    public var region: String
    /// The account id, empty for some AWS-owned resources; `aws` for AWS managed IAM policies.
    public var account: String
    /// Everything after the account: `function:name:qualifier`, `stateMachine:name`, `role/path/name`, …
    public var resource: String

    /// Creates an ARN from its parts.
    public init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Parses `arn:partition:service:region:account:resource`; nil when the text is not an ARN.
    ///
    /// The partition must start with `aws`, the service must be non-empty and the resource
    /// non-empty; the resource keeps any further colons.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        let partition = String(parts[1])
        guard partition.hasPrefix("aws"),
              partition.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || $0 == "-" }),
              !parts[2].isEmpty, !parts[5].isEmpty else { return nil }
        self.init(partition: partition, service: String(parts[2]), region: String(parts[3]),
                  account: String(parts[4]), resource: String(parts[5]))
    }

    /// The ARN text.
    public var description: String {
        Self.text(partition: partition, service: service, region: region, account: account, resource: resource)
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:` then `resource`, `name` and `:QUALIFIER`, the bytes
    /// copied once into a string allocated at its final size (a load makes ARNs for every resource,
    /// and appending piece by piece costs several times as much).
    public static func text(partition: String, service: String, region: String, account: String,
                            resource: String, name: String = "", qualifier: String? = nil) -> String {
        let count = 8 + partition.utf8.count + service.utf8.count + region.utf8.count + account.utf8.count
            + resource.utf8.count + name.utf8.count + (qualifier.map { $0.utf8.count + 1 } ?? 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var writer = ByteCursor(buffer: buffer)
            writer.put("arn:")
            writer.put(partition)
            writer.put(":")
            writer.put(service)
            writer.put(":")
            writer.put(region)
            writer.put(":")
            writer.put(account)
            writer.put(":")
            writer.put(resource)
            writer.put(name)
            if let qualifier {
                writer.put(":")
                writer.put(qualifier)
            }
            return writer.position
        }
    }

    /// Copies strings' UTF-8 one after another into a buffer sized for them.
    private struct ByteCursor {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var position = 0

        mutating func put(_ piece: String) {
            let copied = piece.utf8.withContiguousStorageIfAvailable { bytes -> Int in
                guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return 0 }
                (target + position).initialize(from: source, count: bytes.count)
                return bytes.count
            }
            if let copied {
                position += copied
            } else {
                for byte in piece.utf8 {
                    buffer[position] = byte
                    position += 1
                }
            }
        }
    }

    /// The resource split on `:` (Lambda, Step Functions) — `["function", "name", "qualifier"]`.
    public var resourceColonParts: [String] {
        resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }

    /// Decodes the value from its text form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let arn = ARN(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ARN"))
        }
        self = arn
    }

    /// Encodes the value as its text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ARN {
    /// `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
    public static func lambdaFunction(_ name: String, qualifier: String? = nil, in scope: CloudScope) -> ARN {
        let suffix = qualifier.map { ":\($0)" } ?? ""
        return ARN(partition: scope.partition, service: "lambda", region: scope.region, account: scope.account,
                   resource: "function:\(name)\(suffix)")
    }

    /// `arn:aws:states:<region>:<account>:stateMachine:<name>[:<version or alias>]`.
    public static func stateMachine(_ name: String, qualifier: String? = nil, in scope: CloudScope) -> ARN {
        let suffix = qualifier.map { ":\($0)" } ?? ""
        return ARN(partition: scope.partition, service: "states", region: scope.region, account: scope.account,
                   resource: "stateMachine:\(name)\(suffix)")
    }

    /// `arn:aws:states:<region>:<account>:execution:<stateMachineName>:<executionName>`.
    public static func execution(_ name: String, stateMachine: String, in scope: CloudScope) -> ARN {
        ARN(partition: scope.partition, service: "states", region: scope.region, account: scope.account,
            resource: "execution:\(stateMachine):\(name)")
    }

    /// `arn:aws:iam::<account>:role/<path without leading slash><name>`.
    public static func role(_ name: String, path: String = "/", in scope: CloudScope) -> ARN {
        ARN(partition: scope.partition, service: "iam", region: "", account: scope.account,
            resource: "role\(path)\(name)")
    }

    /// `arn:aws:iam::<account>:policy/<path without leading slash><name>`.
    public static func policy(_ name: String, path: String = "/", in scope: CloudScope) -> ARN {
        ARN(partition: scope.partition, service: "iam", region: "", account: scope.account,
            resource: "policy\(path)\(name)")
    }

    /// For an IAM `role/…` or `policy/…` ARN: the path (`/` or `/a/b/`) and the name.
    public var iamPathAndName: (path: String, name: String)? {
        guard service == "iam", let slash = resource.firstIndex(of: "/") else { return nil }
        let rest = resource[resource.index(after: slash)...]
        guard let lastSlash = rest.lastIndex(of: "/") else { return ("/", String(rest)) }
        let name = String(rest[rest.index(after: lastSlash)...])
        return ("/" + rest[..<lastSlash] + "/", name)
    }

    /// The IAM resource type: `role`, `policy`, `user`, … (the text before the first `/`).
    public var iamResourceType: String? {
        guard service == "iam", let slash = resource.firstIndex(of: "/") else { return nil }
        return String(resource[..<slash])
    }
}
