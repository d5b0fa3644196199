import YAML

/// The `spec` of an `Environment` manifest: where the desired state is deployed, and what differs there.
public struct EnvironmentSpec: Sendable {
    /// The 12-digit AWS account id.
    public var account: String
    /// The primary region, e.g. `us-east-1`.
    public var region: String
    /// The region to fail over to, or nil.
    public var backupRegion: String?
    /// Tags added to every function and state machine (a resource's own tags win).
    public var tags: [String: String]
    /// Environment variables added to every function (a function's own variables win).
    public var functionEnvironment: [String: String]
    /// RFC 7386 merge patches applied to resources' `spec` in this environment.
    public var patches: [Patch]

    /// Creates a spec.
    public init(account: String, region: String, backupRegion: String? = nil, tags: [String: String] = [:],
                functionEnvironment: [String: String] = [:], patches: [Patch] = []) {
        self.account = account
        self.region = region
        self.backupRegion = backupRegion
        self.tags = tags
        self.functionEnvironment = functionEnvironment
        self.patches = patches
    }

    /// One merge patch of an environment.
    public struct Patch: Sendable {
        /// The resource patched.
        public var target: ResourceID
        /// The merge patch applied to the target's `spec` (positions point into the environment's file).
        public var merge: YAMLNode
        /// Where the patch is written.
        public var location: FileLocation

        /// Creates a patch.
        public init(target: ResourceID, merge: YAMLNode, location: FileLocation) {
            self.target = target
            self.merge = merge
            self.location = location
        }
    }
}
