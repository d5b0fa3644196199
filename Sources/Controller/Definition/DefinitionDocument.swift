import Foundation

/// A `kind: Controller` document exactly as written; `DefinitionLoader` checks and resolves it.
struct DefinitionDocument: Decodable {
    var apiVersion: String
    var kind: String
    var metadata: Metadata
    var spec: Spec

    struct Metadata: Decodable {
        var name: String
        var labels: [String: String]?
    }

    struct Spec: Decodable {
        var source: Source
        var environment: String
        var interval: DurationText?
        var jitter: Double?
        var selfHeal: Bool?
        var prune: Bool?
        var retry: Retry?
        var stateDirectory: String?
        var webhook: Webhook?
        var failover: Failover?
    }

    struct Source: Decodable {
        var url: String
        var branch: String?
        var path: String?
    }

    struct Retry: Decodable {
        var initialBackoff: DurationText?
        var maxBackoff: DurationText?
        var factor: Double?
    }

    struct Webhook: Decodable {
        var secretFromEnv: String
    }

    struct Failover: Decodable {
        var policy: FailoverPolicy

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let text = try container.decode(String.self, forKey: .policy)
            guard let policy = FailoverPolicy(rawValue: text) else {
                let names = FailoverPolicy.allCases.map(\.rawValue).joined(separator: " or ")
                throw DecodingError.dataCorruptedError(forKey: .policy, in: container,
                    debugDescription: "unknown failover policy '\(text)'; write \(names)")
            }
            self.policy = policy
        }

        enum Keys: String, CodingKey { case policy }
    }
}
