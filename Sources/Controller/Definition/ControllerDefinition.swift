import Foundation

/// One controller: which repository, branch and folder it follows, which environment it keeps
/// converged on them, how often it looks, and what it does on its own (self-heal, prune, failover).
///
/// Read from `kind: Controller` documents (see `DefinitionLoader` and docs/controllers.md).
public struct ControllerDefinition: Sendable, Hashable {
    /// The controller's name (`metadata.name`), unique among the controllers of one daemon.
    public var name: String
    /// Where the definition was read (`file:line:column` of its name).
    public var origin: String
    /// The desired-state repository it follows.
    public var source: SourceSpec
    /// The Environment manifest it deploys (also the environment's key in the ledger and lock).
    public var environment: String
    /// Seconds between two polls of the source.
    public var interval: Double
    /// The share of the interval (0…0.5) by which each wait is randomly shortened or lengthened.
    public var jitter: Double
    /// Whether drift from the deployed commit is corrected on every pass.
    public var selfHeal: Bool
    /// Whether managed resources that left desired state are deleted.
    public var prune: Bool
    /// How transient failures (an unreachable remote, a cloud that does not answer) are retried.
    public var retry: RetrySpec
    /// The state folder (ledger, simulated cloud, source mirror), absolute.
    public var stateDirectory: String
    /// How webhooks for this controller are verified; nil: no webhook secret (unsigned pushes accepted).
    public var webhook: WebhookSpec?
    /// What happens when the environment's region does not answer.
    public var failover: FailoverPolicy

    /// Creates a definition.
    public init(name: String, origin: String = "", source: SourceSpec, environment: String, interval: Double = 60, jitter: Double = 0.1,
                selfHeal: Bool = false, prune: Bool = true, retry: RetrySpec = RetrySpec(), stateDirectory: String,
                webhook: WebhookSpec? = nil, failover: FailoverPolicy = .automatic) {
        self.name = name
        self.origin = origin
        self.source = source
        self.environment = environment
        self.interval = interval
        self.jitter = jitter
        self.selfHeal = selfHeal
        self.prune = prune
        self.retry = retry
        self.stateDirectory = stateDirectory
        self.webhook = webhook
        self.failover = failover
    }
}

/// The repository, branch and folder a controller follows.
public struct SourceSpec: Sendable, Hashable, Codable {
    /// A URL (`https://`, `ssh://`, `git://`, `file://`, `user@host:path`) or a local path.
    public var url: String
    /// The branch followed.
    public var branch: String
    /// The folder of the repository that holds the manifests (nil: the whole tree).
    public var path: String?

    /// Creates a source.
    public init(url: String, branch: String = "main", path: String? = nil) {
        self.url = url
        self.branch = branch
        self.path = path
    }
}

/// Capped exponential backoff for transient failures.
public struct RetrySpec: Sendable, Hashable, Codable {
    /// The first wait after a failure, in seconds.
    public var initialBackoff: Double
    /// The longest wait, in seconds.
    public var maxBackoff: Double
    /// How much each wait grows over the one before.
    public var factor: Double

    /// Creates the policy: 5 s, doubling, at most 5 minutes.
    public init(initialBackoff: Double = 5, maxBackoff: Double = 300, factor: Double = 2) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.factor = factor
    }
}

/// How a controller's webhooks are verified.
public struct WebhookSpec: Sendable, Hashable, Codable {
    /// The environment variable that holds the shared secret (the secret itself is never in the file).
    public var secretFromEnv: String

    /// Creates the spec.
    public init(secretFromEnv: String) {
        self.secretFromEnv = secretFromEnv
    }
}

/// What a controller does when its environment's region does not answer.
public enum FailoverPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Deploy the last good commit into the environment's backup region and make it the active one.
    case automatic
    /// Report the outage and wait: a person runs `plumb failover`.
    case manual
}
