import Cloud
import DesiredState
import Foundation
import StatesLanguage

extension StateMachineReleaseRollout {
    /// Where smoke executions run: the new version, or the state machine itself without an alias.
    var smokeArn: String { green ?? target.arn }

    /// Starts smoke execution `index`, or moves on to the alias after the last.
    mutating func smoke(_ index: Int) -> RolloutStep {
        guard index < policy.smokeTests.count else {
            phase = .shift(0)
            return next(after: nil)
        }
        let test = policy.smokeTests[index]
        phase = .smokeJudged(index)
        return .perform(.runExecution(arn: smokeArn, input: test.input, timeoutSeconds: test.timeoutSeconds,
                                      express: target.type == .express))
    }

    /// Compares the execution's status with the expected one.
    mutating func judgeSmoke(_ index: Int, _ outcome: ActionOutcome?) -> RolloutStep {
        let test = policy.smokeTests[index]
        guard case .execution(let execution)? = outcome?.result else {
            return .failed(RolloutFailure(.smokeTest, resource, "smoke test \(index + 1) answered no execution"))
        }
        let passed = execution.status.rawValue == test.expect
        if passed {
            phase = .smoke(index + 1)
        } else {
            var detail = "ended \(execution.status.rawValue), expected \(test.expect)"
            if let error = execution.error { detail += " (\(error)\(execution.cause.map { ": \($0.prefix(300))" } ?? ""))" }
            phase = .failing(RolloutFailure(.smokeTest, resource,
                "smoke test \(index + 1) of \(target.name) on \(ARNText.lastComponents(smokeArn, 2)) \(detail); no executions were moved to the new version"))
        }
        return .report(.smokeTest(index: index + 1, status: execution.status.rawValue, expected: test.expect, passed: passed))
    }

    /// Moves the alias to step `index`.
    mutating func shift(_ index: Int) -> RolloutStep {
        guard let alias = target.alias, let green else {
            phase = .done
            return .finished
        }
        let last = policy.steps.count - 1
        guard let routes = aliasRoutes else {
            aliasRoutes = [StateMachineRoute(stateMachineVersionArn: green, weight: 100)]
            phase = .shifted(last)
            return .perform(.createStateMachineAlias(name: alias, routing: [StateMachineRoute(stateMachineVersionArn: green, weight: 100)]))
        }
        let final = [StateMachineRoute(stateMachineVersionArn: green, weight: 100)]
        if blue == green || blue == nil {
            if routes == final {
                phase = .done
                return .finished
            }
            phase = .shifted(last)
            return .perform(.updateStateMachineAlias(aliasArn: target.aliasArn ?? "", routing: final))
        }
        let weight = Int(min(100, policy.steps[index].weight).rounded())
        phase = .shifted(index)
        guard weight < 100, let blue else {
            return .perform(.updateStateMachineAlias(aliasArn: target.aliasArn ?? alias, routing: final))
        }
        return .perform(.updateStateMachineAlias(aliasArn: target.aliasArn ?? alias, routing: [
            StateMachineRoute(stateMachineVersionArn: blue, weight: 100 - weight),
            StateMachineRoute(stateMachineVersionArn: green, weight: weight),
        ]))
    }
}

/// JSON text compared by meaning (key order and spacing ignored).
enum JSONText {
    /// Whether `lhs` and `rhs` parse to equal values (or are equal texts when either does not parse).
    static func equivalent(_ lhs: String, _ rhs: String) -> Bool {
        if lhs == rhs { return true }
        guard let left = try? JSONValue(parsing: lhs), let right = try? JSONValue(parsing: rhs) else { return false }
        return left == right
    }
}
