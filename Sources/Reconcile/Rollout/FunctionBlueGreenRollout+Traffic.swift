import Cloud
import DesiredState
import Foundation

extension FunctionBlueGreenRollout {
    /// How many rounds of traffic a step may send while the gates lack invocations.
    static let maximumTrafficRounds = 4

    /// Invocations to aim for on green: the gates' minimum (at least 10) with a margin for the
    /// randomness of weighted routing at low traffic.
    var invocationTarget: Int {
        let needed = max(policy.gates?.minInvocations ?? 0, 10)
        return needed + max(3, needed / 2)
    }

    /// Whether this release judges health gates.
    var judgesGates: Bool { policy.gates != nil && !skipGates && target.alias != nil }

    /// The share of traffic on green at step `index`, in percent.
    func percent(_ index: Int) -> Double {
        skipGates ? 100 : min(100, policy.steps[index].weight)
    }

    /// Runs the pre-traffic check when a new version is about to receive traffic.
    mutating func preTraffic() -> RolloutStep {
        guard let hook = policy.preTraffic, let green, green != blue else {
            phase = .shift(0)
            return next(after: nil)
        }
        phase = .preTrafficDone
        let payload = Data(hook.payload.serialized().utf8)
        if hook.invoke == target.name {
            return .perform(.invoke(name: target.name, qualifier: green, payload: payload))
        }
        return .perform(.invoke(name: hook.invoke, qualifier: "$LATEST", payload: payload))
    }

    /// Fails the release when the pre-traffic invocation failed.
    mutating func judgePreTraffic(_ outcome: ActionOutcome?) -> RolloutStep {
        guard case .invocation(let response)? = outcome?.result else {
            return .failed(RolloutFailure(.preTraffic, resource, "the pre-traffic check of \(target.name) answered nothing"))
        }
        let hook = policy.preTraffic?.invoke ?? target.name
        let body = String(decoding: response.payload.prefix(500), as: UTF8.self)
        if let error = response.functionError {
            phase = .failing(RolloutFailure(.preTraffic, resource,
                "the pre-traffic check (invoke \(hook)) failed with an \(error.lowercased()) error: \(body). No traffic was moved; fix the handler and commit again"))
            return .report(.preTraffic(target: hook, passed: false, detail: body))
        }
        phase = .shift(0)
        return .report(.preTraffic(target: hook, passed: true, detail: body))
    }

    /// Moves the alias to traffic step `index`.
    mutating func shift(_ index: Int) -> RolloutStep {
        guard let alias = target.alias, let green else { return startCleanup() }
        let last = policy.steps.count - 1
        if !aliasExists {
            // Nothing to shift from: the alias starts on the new version.
            aliasExists = true
            skipGates = true
            phase = .shifted(last)
            return .perform(.createAlias(name: target.name, alias: alias, version: green))
        }
        if blue == green {
            let extra = live?.alias(named: alias)?.routingConfig?.additionalVersionWeights.isEmpty == false
            guard extra else { return startCleanup() }
            skipGates = true
            phase = .shifted(last)
            return .perform(.updateAlias(name: target.name, alias: alias, primary: green, additional: nil, weight: 0))
        }
        phase = .shifted(index)
        let weight = policy.steps[index].weight
        guard weight < 100, let blue else {
            return .perform(.updateAlias(name: target.name, alias: alias, primary: green, additional: nil, weight: 0))
        }
        return .perform(.updateAlias(name: target.name, alias: alias, primary: blue, additional: green, weight: weight / 100))
    }

    /// Sends traffic through the alias so the gates have invocations to judge.
    mutating func sendStepTraffic(_ index: Int) -> RolloutStep {
        phase = .stepWait(index)
        guard judgesGates, let alias = target.alias else { return next(after: nil) }
        trafficRounds += 1
        let count = HealthGateEvaluation.trafficNeeded(for: invocationTarget, percent: percent(index))
        return .perform(.sendTraffic(name: target.name, alias: alias, count: count, payload: policy.trafficPayload))
    }

    /// Waits until the step's pause has passed since the shift.
    mutating func waitOutStep(_ index: Int) -> RolloutStep {
        phase = .stepMeasure(index)
        let pause = policy.steps[index].pauseSeconds
        guard !skipGates, pause > 0, let start = stepStart else { return next(after: nil) }
        return .perform(.wait(until: start.addingTimeInterval(Double(pause))))
    }

    /// Reads green's metrics over the step (or moves on without gates).
    mutating func measure(_ index: Int) -> RolloutStep {
        guard judgesGates, let green, let start = stepStart else {
            phase = .advance(index)
            return next(after: nil)
        }
        phase = .stepJudge(index)
        return .perform(.measure(name: target.name, version: green, start: start))
    }

    /// Judges the gates; sends more traffic when there were too few invocations.
    mutating func judge(_ index: Int, _ outcome: ActionOutcome?) -> RolloutStep {
        guard let gates = policy.gates, let green, case .metrics(let metrics)? = outcome?.result else {
            return .failed(RolloutFailure(.healthGate, resource, "the metrics of \(target.name) version \(green ?? "?") could not be read"))
        }
        let share = percent(index)
        let report = HealthGateEvaluation.evaluate(gates, statistics: metrics.summary, function: target.name, version: green, percent: share)
        switch report.status {
        case .healthy:
            phase = .advance(index)
        case .insufficientData where trafficRounds < FunctionBlueGreenRollout.maximumTrafficRounds:
            trafficRounds += 1
            let missing = invocationTarget - report.invocations
            phase = .stepMeasure(index)
            return .perform(.sendTraffic(name: target.name, alias: target.alias ?? "",
                                         count: HealthGateEvaluation.trafficNeeded(for: max(3, missing), percent: share),
                                         payload: policy.trafficPayload))
        case .insufficientData, .unhealthy:
            let broken = report.broken.map(\.description).joined(separator: ", ")
            phase = .failing(RolloutFailure(.healthGate, resource,
                "health gates failed for version \(green) with \(TrafficFormat.percent(share)) of the traffic on alias \(target.alias ?? ""): \(broken)"))
        }
        return .report(.gate(report))
    }
}
