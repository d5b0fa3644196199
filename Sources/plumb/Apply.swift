import ArgumentParser
import Cloud
import CloudSim
import DesiredState
import Foundation
import Git
import Reconcile
#if canImport(Glibc)
import Glibc
#endif

extension Plumb {
    /// `plumb apply`: converge the environment on a commit, or roll back to the last good one.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Deploy a commit: blue-green function releases, state machine releases and IAM changes, with rollback on failure.",
            discussion: """
                Plans the desired state at --ref against the environment and executes the plan: IAM first, then \
                functions (update $LATEST, publish, pre-traffic check, alias shifted by the rollout strategy with \
                health gates at every step), then state machines (validate, update, publish, smoke tests, alias), \
                deletions last (--no-prune keeps managed resources that left desired state and reports them); \
                independent changes run in parallel within AWS's rate limits. Every step is \
                journaled before it happens; if any fails, every change is undone in reverse order and the \
                environment is back on the last good commit. A commit that failed is not applied again unless \
                --retry-failed. An interrupted apply (killed process) is finished by the next one. \
                Exit code 0 when the environment ends on the commit (or nothing had to change, or everything is \
                held), 2 when the deployed commit has drifted and --self-heal was not given, 1 otherwise.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var deploy: DeployOptions

        @Flag(name: .customLong("retry-failed"), help: "Apply the commit even though an earlier attempt of it failed.")
        var retryFailed = false

        @Flag(name: .customLong("self-heal"), help: "Correct drift when the commit is already deployed.")
        var selfHeal = false

        @Flag(inversion: .prefixedNo, help: "Delete managed resources that are no longer in the desired state (--no-prune keeps them and reports them as kept).")
        var prune = true

        func run() async throws {
            let session = try DeploySession.open(global, deploy: deploy, prune: prune)
            let result = try await session.run(.apply(retryFailed: retryFailed, selfHeal: selfHeal))
            try session.report(result)
        }
    }
}

/// Options of the commands that deploy (apply, rollback, failover).
struct DeployOptions: ParsableArguments {
    @Flag(name: .customLong("wait-for-lock"), help: "Wait for another applier of the environment to finish instead of failing at once.")
    var waitForLock = false

    @Option(name: .customLong("lock-timeout"), help: "With --wait-for-lock, give up after this many seconds.")
    var lockTimeout: Double = 600

    @Option(help: "How many independent changes run at once.")
    var parallel: Int = 8

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        guard lockTimeout > 0 else { throw ValidationError("--lock-timeout must be a positive number of seconds") }
    }
}

/// What a deploying command needs: the repository as a desired-state source, the ledger and the
/// simulated cloud; runs a request and prints its progress and result.
struct DeploySession {
    let global: GlobalOptions
    let environment: String
    let ledger: LedgerStore
    let cloud: SimCloud
    let source: RepositorySource
    let deployer: Deployer

    /// Opens the repository, selects the environment, opens the ledger and the simulated cloud.
    static func open(_ global: GlobalOptions, deploy: DeployOptions, prune: Bool = true) throws -> DeploySession {
        try open(global, parallel: deploy.parallel, lockWaitSeconds: deploy.waitForLock ? deploy.lockTimeout : nil, prune: prune)
    }

    /// Opens the session with `parallel` changes at once, the given lock wait and pruning.
    static func open(_ global: GlobalOptions, parallel: Int, lockWaitSeconds: Double?, prune: Bool = true) throws -> DeploySession {
        guard let repository = try CommandContext.openRepository(global.repo, stateDirectory: global.stateDir, workingTree: false) else {
            throw CommandError("\(global.repo) is not a git repository; plumb deploys commits")
        }
        let loader = DesiredStateLoader()
        var environment = global.env
        if environment == nil {
            let id = try CommandContext.resolve(global.ref, in: repository)
            environment = try CommandContext.selectEnvironment(try loader.environmentNames(repository: repository, revision: id.hex, path: global.path))
        }
        let source = RepositorySource(repository: repository, loader: loader, path: global.path, environment: environment, ref: global.ref)
        let ledger = try LedgerStore(stateDirectory: global.stateDir)
        let cloud = try SimCloud(stateDirectory: global.stateDir)
        let key = CommandContext.ledgerKey(environment)
        let progress = TerminalProgress(json: global.output == .json)
        let options = ExecutorOptions(maxParallel: parallel, lockWaitSeconds: lockWaitSeconds, crashHook: CrashSwitch.hook(), prune: prune)
        let envFlag = environment.map { " --env \($0)" } ?? ""
        let deployer = Deployer(environment: key, ledger: ledger, access: SimEnvironment(cloud: cloud), source: source,
                                progress: progress, options: options,
                                continueCommand: "plumb rollback --continue --repo \(global.repo)\(envFlag) --state-dir \(global.stateDir)")
        return DeploySession(global: global, environment: key, ledger: ledger, cloud: cloud, source: source, deployer: deployer)
    }

    /// Runs `request`, stopping the function workers afterwards.
    func run(_ request: DeployRequest) async throws -> DeployResult {
        do {
            let result = try await deployer.run(request)
            await cloud.shutdown()
            return result
        } catch let error as LockHeldError {
            await cloud.shutdown()
            throw CommandError(error.description)
        } catch {
            await cloud.shutdown()
            throw error
        }
    }

    /// Prints the result and ends with its exit code.
    func report(_ result: DeployResult) throws {
        if global.output == .json {
            print(DeploySession.json(result))
        } else {
            print(result.message)
            if !result.leftBehind.isEmpty {
                print("Left behind:")
                for line in result.leftBehind { print("  \(line)") }
            }
            if let command = result.continueCommand, result.outcome == .rollbackFailed {
                print("Continue the rollback with: \(command)")
            }
        }
        switch result.outcome {
        case .succeeded, .noChanges, .held, .recovered: return
        case .driftNotCorrected: throw ExitCode(2)
        case .rolledBack, .rollbackFailed, .skippedFailedCommit, .rejected, .cancelled: throw ExitCode(1)
        }
    }

    /// The result as one JSON object.
    static func json(_ result: DeployResult) -> String {
        var object: [String: Any] = ["event": "result", "outcome": result.outcome.rawValue, "message": result.message]
        if let attempt = result.attempt { object["attempt"] = attempt.uuid }
        if let summary = result.summary {
            object["plan"] = ["create": summary.create, "update": summary.update, "delete": summary.delete, "held": summary.held]
        }
        if let region = result.region { object["region"] = region }
        if !result.leftBehind.isEmpty { object["leftBehind"] = result.leftBehind }
        if let command = result.continueCommand { object["continueCommand"] = command }
        if !result.recovered.isEmpty { object["recovered"] = result.recovered.map(\.uuid) }
        if !result.kept.isEmpty { object["kept"] = result.kept.map(\.description) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Desired state from the repository: the requested ref, or any commit, for any region.
struct RepositorySource: DesiredStateSource {
    let repository: Repository
    let loader: DesiredStateLoader
    let path: String?
    let environment: String?
    let ref: String

    func requestedCommit() async throws -> CommitInfo? {
        try info(CommandContext.resolve(ref, in: repository))
    }

    func requested(region: String?) async throws -> (state: DesiredState, commit: CommitInfo?) {
        let id = try CommandContext.resolve(ref, in: repository)
        return (try load(id, region: region), try info(id))
    }

    func commit(_ id: String, region: String?) async throws -> (state: DesiredState, commit: CommitInfo) {
        let resolved = try CommandContext.resolve(id, in: repository)
        return (try load(resolved, region: region), try info(resolved))
    }

    func load(_ id: ObjectID, region: String?) throws -> DesiredState {
        let result = try loader.load(repository: repository, revision: id.hex, path: path, environment: environment, region: region)
        for warning in result.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        return try result.validState()
    }

    func info(_ id: ObjectID) throws -> CommitInfo {
        let commit = try repository.commit(id)
        return CommitInfo(id: id.hex, author: "\(commit.author.name) <\(commit.author.email)>", message: commit.summary)
    }
}

/// The simulated cloud as the executor's environment: providers per region, its stored clock
/// (waits until a moment are atomic, so parallel waits overlap), its executions.
struct SimEnvironment: EnvironmentAccess {
    let cloud: SimCloud

    func provider(account: String, region: String) throws -> any CloudProvider {
        try cloud.provider(account: account, region: region)
    }

    func timer(for provider: any CloudProvider) -> EnvironmentTimer {
        let clock = cloud.clock
        return EnvironmentTimer(clock: provider.clock, sleepUntil: { try await clock.sleep(until: $0) })
    }
}

/// Progress on standard output: a line of text per event, or a JSON object per line.
struct TerminalProgress: ProgressSink {
    let json: Bool

    func emit(_ event: ProgressEvent) {
        // In text, the result's message closes the output instead.
        if !json && event.event == .attemptFinished { return }
        let line = json ? event.jsonLine : event.text
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// The crash test hook: with `PLUMB_CRASH_AT_STEP=N` the process dies (SIGKILL) right after
/// journaling the intent of its N-th mutating step, before performing it.
enum CrashSwitch {
    private static let counter = Counter()

    /// The hook, or nil when the variable is not set.
    static func hook() -> CrashHook? {
        guard let text = ProcessInfo.processInfo.environment["PLUMB_CRASH_AT_STEP"], let step = Int(text), step > 0 else { return nil }
        return {
            if counter.next() == step {
                FileHandle.standardError.write(Data("PLUMB_CRASH_AT_STEP=\(step): stopping the process after journaling step \(step)\n".utf8))
                kill(getpid(), SIGKILL)
            }
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}
