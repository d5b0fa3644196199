import Cloud
import DesiredState
import Foundation

/// A function release as a value-type state machine: bring `$LATEST` to the target (waiting out
/// settling), publish (or reuse) the green version, run the pre-traffic check, shift the alias
/// step by step judging health gates on green's invocations, promote, and remove old versions.
public struct FunctionBlueGreenRollout: Rollout {
    /// The function.
    public let resource: ResourceID
    let target: FunctionTarget
    let live: LiveFunction?
    let policy: ReleasePolicy

    enum Phase: Sendable, Hashable {
        case prelude
        case chooseVersion
        case published
        case preTraffic
        case preTrafficDone
        case shift(Int)
        case shifted(Int)
        case stepTraffic(Int)
        case stepWait(Int)
        case stepMeasure(Int)
        case stepJudge(Int)
        case advance(Int)
        case failing(RolloutFailure)
        case cleanupListed
        case cleanup
        case done
    }

    var phase: Phase = .prelude
    /// Simple actions to perform before choosing the version, in order.
    var prelude: [CloudAction] = []
    var preludeBuilt = false
    /// The version that receives the traffic.
    var green: String?
    /// The version the alias routed to before the release, nil when there was no alias.
    var blue: String?
    /// Whether the alias exists.
    var aliasExists = false
    /// Whether traffic moves without gates (a new alias, or only leftover weight to clear).
    var skipGates = false
    /// When the current traffic step started (environment time).
    var stepStart: Date?
    /// Rounds of traffic sent in the current step.
    var trafficRounds = 0
    /// Versions to delete after promotion.
    var doomedVersions: [String] = []

    /// A release of `target` from `live` (nil: the function does not exist yet) by `policy`.
    public init(target: FunctionTarget, live: LiveFunction?, policy: ReleasePolicy) {
        self.resource = ResourceID(.function, target.name)
        self.target = target
        self.live = live
        self.policy = policy
        if let alias = target.alias, let current = live?.alias(named: alias) {
            aliasExists = true
            blue = current.functionVersion
        }
    }

    /// The next step.
    public mutating func next(after outcome: ActionOutcome?) -> RolloutStep {
        switch phase {
        case .prelude:
            if !preludeBuilt {
                prelude = buildPrelude()
                preludeBuilt = true
            } else if let outcome {
                absorbPrelude(outcome.result)
            }
            if !prelude.isEmpty { return .perform(prelude.removeFirst()) }
            phase = .chooseVersion
            return next(after: nil)
        case .chooseVersion:
            return chooseVersion()
        case .published:
            if case .function(let configuration)? = outcome?.result { green = configuration.version.description }
            guard green != nil else {
                return .failed(RolloutFailure(.unsupported, resource, "publishing a version of \(target.name) answered no version number"))
            }
            phase = .preTraffic
            return next(after: nil)
        case .preTraffic:
            return preTraffic()
        case .preTrafficDone:
            return judgePreTraffic(outcome)
        case .shift(let index):
            return shift(index)
        case .shifted(let index):
            stepStart = outcome?.at
            trafficRounds = 0
            phase = .stepTraffic(index)
            return .report(.traffic(alias: target.alias ?? "", version: green ?? "", percent: percent(index)))
        case .stepTraffic(let index):
            return sendStepTraffic(index)
        case .stepWait(let index):
            return waitOutStep(index)
        case .stepMeasure(let index):
            return measure(index)
        case .stepJudge(let index):
            return judge(index, outcome)
        case .advance(let index):
            if index + 1 < policy.steps.count {
                phase = .shift(index + 1)
                return next(after: nil)
            }
            return startCleanup()
        case .failing(let failure):
            return .failed(failure)
        case .cleanupListed:
            return planCleanup(outcome)
        case .cleanup:
            if !doomedVersions.isEmpty {
                return .perform(.deleteFunctionVersion(name: target.name, version: doomedVersions.removeFirst()))
            }
            phase = .done
            return .finished
        case .done:
            return .finished
        }
    }

    /// Create, or bring `$LATEST`, reserved concurrency and tags to the target.
    func buildPrelude() -> [CloudAction] {
        var actions: [CloudAction] = []
        guard let live else {
            let creation = FunctionCreation(name: target.name, settings: target.settings, code: target.code, tags: target.tags,
                                            publish: target.alias != nil)
            actions = [.createFunction(creation), .waitForFunction(name: target.name)]
            if let concurrency = target.reservedConcurrency {
                actions.append(.putFunctionConcurrency(name: target.name, value: concurrency))
            }
            return actions
        }
        if live.latest.codeId != target.code.id {
            actions += [.updateFunctionCode(name: target.name, code: target.code), .waitForFunction(name: target.name)]
        }
        if !target.settings.matches(live.latest) {
            actions += [.updateFunctionConfiguration(name: target.name, target.settings), .waitForFunction(name: target.name)]
        }
        let liveConcurrency = live.details?.reservedConcurrency
        if liveConcurrency != target.reservedConcurrency {
            if let concurrency = target.reservedConcurrency {
                actions.append(.putFunctionConcurrency(name: target.name, value: concurrency))
            } else {
                actions.append(.deleteFunctionConcurrency(name: target.name))
            }
        }
        let delta = TagDelta.between(live: live.details?.tags ?? [:], desired: target.tags)
        if !delta.set.isEmpty { actions.append(.tag(arn: live.latest.functionArn, tags: delta.set)) }
        if !delta.remove.isEmpty { actions.append(.untag(arn: live.latest.functionArn, keys: delta.remove)) }
        return actions
    }

    /// Keeps what the prelude learned: the version CreateFunction published; and skips waiting
    /// for `$LATEST` to settle when the answer already says it has.
    mutating func absorbPrelude(_ result: ActionResult) {
        guard case .function(let configuration) = result else { return }
        switch configuration.version {
        case .number:
            green = configuration.version.description
        case .latest:
            let settled = configuration.state == .active && configuration.lastUpdateStatus != .inProgress
            if settled, case .waitForFunction? = prelude.first { prelude.removeFirst() }
        }
    }

    /// Reuses a published version that already matches the target, or publishes one.
    mutating func chooseVersion() -> RolloutStep {
        if green == nil, let live {
            let versions = live.details?.versions ?? []
            if let blue, let current = versions.first(where: { $0.version.description == blue }), target.matches(current) {
                green = blue
            } else if let match = versions.filter({ target.matches($0) }).max(by: { $0.version < $1.version }) {
                green = match.version.description
            }
        }
        if green != nil {
            phase = .preTraffic
            return next(after: nil)
        }
        phase = .published
        return .perform(.publishVersion(name: target.name))
    }
}
