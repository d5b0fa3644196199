import Cloud
import Foundation

/// Execution names and ARNs.
enum ExecutionNames {
    /// Characters Step Functions refuses in execution names (besides whitespace and control characters).
    private static let forbidden: Set<Character> = ["<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":", "/"]

    /// Checks an execution name: 1–80 characters, no whitespace, brackets, wildcards or punctuation Step Functions refuses.
    static func check(_ name: String) throws {
        let valid = (1...80).contains(name.count) && name.unicodeScalars.allSatisfy { scalar in
            !CharacterSet.whitespacesAndNewlines.contains(scalar) && !CharacterSet.controlCharacters.contains(scalar)
                && !forbidden.contains(Character(scalar))
        }
        guard valid else { throw CloudError(.invalidName, "Invalid Name: '\(name)'") }
    }

    /// The ARN of execution `name` of `machine` (EXPRESS executions get `express:` and a unique suffix).
    static func arn(machine: String, name: String, express: String?, in scope: CloudScope) -> String {
        if let express {
            return "arn:\(scope.partition):states:\(scope.region):\(scope.account):express:\(machine):\(name):\(express)"
        }
        return ARN.execution(name, stateMachine: machine, in: scope).description
    }

    /// Refuses an EXPRESS execution's ARN as DescribeExecution, StopExecution and
    /// GetExecutionHistory do on AWS (EXPRESS executions are not recorded: their outcome is
    /// StartSyncExecution's answer, or CloudWatch Logs).
    static func refuseExpress(_ text: String) throws {
        if let arn = ARN(text), arn.resource.hasPrefix("express:") {
            throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: express'")
        }
    }

    /// Checks an execution ARN is one of this scope; answers `InvalidArn` or `ExecutionDoesNotExist`.
    static func checkArn(_ text: String, in scope: CloudScope) throws {
        guard let arn = ARN(text), arn.service == "states",
              arn.resource.hasPrefix("execution:") || arn.resource.hasPrefix("express:") else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(text)'")
        }
        guard arn.region == scope.region, arn.account == scope.account else {
            throw CloudError(.executionDoesNotExist, "Execution Does Not Exist: '\(text)'", resource: text)
        }
    }
}
