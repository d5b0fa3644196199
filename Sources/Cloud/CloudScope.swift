/// The account and region a provider acts in; together with the partition they address every ARN.
public struct CloudScope: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 12-digit AWS account id.
    public var account: String
    /// The region name, such as `us-east-1`.
    public var region: String

    /// Creates a scope after checking that `account` is 12 digits and `region` looks like an AWS region.
    public init(account: String, region: String) throws {
        guard CloudScope.isValidAccount(account) else {
            throw CloudError(.validation,
                "Account '\(account)' is not a 12-digit AWS account id. Pass an account such as 000000000000.")
        }
        guard CloudScope.isValidRegion(region) else {
            throw CloudError(.validation,
                "Region '\(region)' is not a valid AWS region name. Pass a region such as us-east-1.")
        }
        self.account = account
        self.region = region
    }

    /// The partition the region belongs to (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`).
    public var partition: String { CloudScope.partition(forRegion: region) }

    /// `account/region`.
    public var description: String { "\(account)/\(region)" }

    /// The same account in another region.
    public func inRegion(_ region: String) throws -> CloudScope {
        try CloudScope(account: account, region: region)
    }

    /// Whether `account` is exactly 12 ASCII digits.
    public static func isValidAccount(_ account: String) -> Bool {
        account.utf8.count == 12 && account.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Whether `region` matches AWS's region pattern `[a-z]{2}((-gov)|(-iso[a-z]?))?-[a-z]+-\d`.
    public static func isValidRegion(_ region: String) -> Bool {
        var parts = region.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts.count <= 4 else { return false }
        let lower: (String) -> Bool = { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.value >= 97 && $0.value <= 122 } }
        guard parts[0].count == 2, lower(parts[0]) else { return false }
        guard let last = parts.popLast(), last.count == 1, last.unicodeScalars.allSatisfy({ $0.properties.numericType == .decimal && $0.isASCII }) else {
            return false
        }
        if parts.count == 3 {
            let qualifier = parts[1]
            let isIso = qualifier.hasPrefix("iso") && qualifier.count <= 4 && lower(qualifier)
            guard qualifier == "gov" || isIso else { return false }
        }
        return lower(parts[parts.count - 1])
    }

    /// The partition for a region name.
    public static func partition(forRegion region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("us-isob-") { return "aws-iso-b" }
        if region.hasPrefix("us-iso-") { return "aws-iso" }
        return "aws"
    }
}
