import Cloud
import Foundation
import GRDB
import Logging

/// The simulated cloud: a durable local model of the AWS control plane in one SQLite file.
///
/// Open one per state folder (`<state>/sim/cloud.sqlite`, code bundles in `<state>/sim/code/`);
/// any number of processes may open the same folder at once. `provider(account:region:)`
/// gives the `CloudProvider` for one account and region.
public final class SimCloud: Sendable {
    /// The account used when none is given.
    public static let defaultAccount = "000000000000"
    /// The region used when none is given.
    public static let defaultRegion = "us-east-1"

    /// The state folder this simulated cloud lives in.
    public let stateDirectory: String
    /// The SQLite file.
    public var databasePath: String { store.path }
    /// The simulated clock, shared by every process using this store.
    public let clock: SimClock
    let store: SimStore
    let code: CodeStore
    let logger: Logger
    /// Runs function code in warm worker processes (they end with this process).
    let runtime: FunctionRuntime
    let concurrency = ConcurrencyLimiter()
    /// Invocation records waiting for a transaction.
    let pendingInvocations = PendingInvocations()

    /// The store's file in the state folder `stateDirectory` (it exists once a SimCloud was opened there).
    static func storePath(stateDirectory: String) -> String {
        ((stateDirectory as NSString).appendingPathComponent("sim") as NSString).appendingPathComponent("cloud.sqlite")
    }

    /// The simulated cloud under `stateDirectory` when one was made there already; nil when there
    /// is none (nothing is created) or it cannot be opened. For work started before a command
    /// knows it will act on the environment (reads started early).
    public static func existing(stateDirectory: String) -> SimCloud? {
        guard FileManager.default.fileExists(atPath: storePath(stateDirectory: stateDirectory)) else { return nil }
        return try? SimCloud(stateDirectory: stateDirectory)
    }

    /// Opens the simulated cloud under `stateDirectory`, creating it with `initialSettings` when new.
    public init(stateDirectory: String, initialSettings: SimSettings = SimSettings(),
                runtime: RuntimeConfiguration = RuntimeConfiguration(),
                logger: Logger = Logger(label: "plumb.sim", factory: { _ in SwiftLogNoOpLogHandler() })) throws {
        let folder = (stateDirectory as NSString).appendingPathComponent("sim")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SimError("Could not create the simulated cloud's folder \(folder): \(error.localizedDescription). Choose a writable --state-dir.")
        }
        self.stateDirectory = stateDirectory
        self.store = try SimStore(path: Self.storePath(stateDirectory: stateDirectory), initialSettings: initialSettings)
        self.code = CodeStore(root: (folder as NSString).appendingPathComponent("code"))
        self.clock = SimClock(store: store)
        self.logger = logger
        self.runtime = FunctionRuntime(configuration: runtime, logger: logger)
    }

    /// Stops the function workers this process started and writes the invocation records
    /// still waiting.
    public func shutdown() async {
        await runtime.shutdown()
        try? flushInvocations()
    }

    /// The provider for `account` in `region` (checked: 12-digit account, AWS region name).
    public func provider(account: String = SimCloud.defaultAccount, region: String = SimCloud.defaultRegion) throws -> SimProvider {
        SimProvider(cloud: self, scope: try CloudScope(account: account, region: region))
    }

    /// The provider for `scope`.
    public func provider(_ scope: CloudScope) -> SimProvider {
        SimProvider(cloud: self, scope: scope)
    }

    /// A provider whose calls skip region outages, injected faults and rate limits, for looking
    /// at the simulated cloud from outside (`plumb sim functions`, status pages).
    public func inspector(account: String = SimCloud.defaultAccount, region: String = SimCloud.defaultRegion) throws -> SimProvider {
        SimProvider(cloud: self, scope: try CloudScope(account: account, region: region), gated: false)
    }
}

/// The simulated cloud as a `CloudProvider` for one account and region.
public struct SimProvider: CloudProvider {
    /// The simulated cloud this provider calls.
    public let cloud: SimCloud
    /// The account and region of every call.
    public let scope: CloudScope
    /// Whether calls pass the gate (outages, faults, rate limits); inspectors do not.
    let gated: Bool

    init(cloud: SimCloud, scope: CloudScope, gated: Bool = true) {
        self.cloud = cloud
        self.scope = scope
        self.gated = gated
    }

    /// The simulated clock.
    public var clock: any CloudClock { cloud.clock }
}
