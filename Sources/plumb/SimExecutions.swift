import ArgumentParser
import Cloud
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim executions [NAME] [--status S]`: executions, newest first.
    struct Executions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "executions", abstract: "List executions of one or every state machine, newest first.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        @Argument(help: "NAME, NAME:ALIAS, NAME:VERSION or a state machine ARN; every state machine when omitted.")
        var stateMachine: String?

        @Option(name: .long, help: "RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.")
        var status: String?

        func validate() throws {
            if let status, ExecutionStatus(rawValue: status.uppercased()) == nil {
                throw ValidationError("--status must be one of \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                let filter = status.flatMap { ExecutionStatus(rawValue: $0.uppercased()) }
                let machines: [String]
                if let stateMachine {
                    machines = [SimExecutionText.stateMachineArn(stateMachine, in: provider.scope)]
                } else {
                    machines = try await provider.listStateMachines().map(\.stateMachineArn)
                }
                var executions: [StateMachineExecution] = []
                for arn in machines { executions += try await provider.listExecutions(arn, status: filter) }
                executions.sort { $0.startDate > $1.startDate }
                if global.output == .json { return SimCommand.printJSON(executions) }
                if executions.isEmpty { return print("No executions in \(scope.account)/\(scope.region).") }
                print(SimCommand.table(["STATE MACHINE", "NAME", "STATUS", "STARTED", "VERSION", "ERROR"], executions.map { execution in
                    [execution.stateMachineArn.split(separator: ":").last.map(String.init) ?? "?", execution.name, execution.status.rawValue,
                     SimCommand.format(execution.startDate),
                     execution.stateMachineVersionArn?.split(separator: ":").last.map(String.init) ?? "-", execution.error ?? "-"]
                }))
            }
        }
    }

    /// `plumb sim execution ID-or-ARN [--history]`: one execution, and its history.
    struct Execution: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "execution", abstract: "Describe one execution (by name or ARN), optionally with its history events.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        @Argument(help: "The execution's ARN, or its name.")
        var execution: String

        @Flag(name: .long, help: "Also print the history events.")
        var history = false

        /// An execution with its history, as printed in JSON.
        struct Output: Codable {
            var execution: StateMachineExecution
            var events: [ExecutionHistoryEvent]?
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                let arn = try await resolve(provider)
                let described = try await provider.describeExecution(arn)
                let events = history ? try await provider.getExecutionHistory(arn, reverseOrder: false) : nil
                if global.output == .json { return SimCommand.printJSON(Output(execution: described, events: events)) }
                SimExecutionText.printExecution(described, global)
                guard let events else { return }
                print("")
                print(SimCommand.table(["ID", "PREVIOUS", "TIME", "TYPE", "DETAILS"], events.map { event in
                    [String(event.id), String(event.previousEventId), SimCommand.format(event.timestamp), event.type,
                     event.details.count > 160 ? String(event.details.prefix(157)) + "..." : event.details]
                }))
            }
        }

        /// The ARN of `execution`: itself when it is an ARN, else the newest execution of that name.
        func resolve(_ provider: SimProvider) async throws -> String {
            if execution.hasPrefix("arn:") { return execution }
            var matches: [StateMachineExecution] = []
            for machine in try await provider.listStateMachines() {
                matches += try await provider.listExecutions(machine.stateMachineArn, status: nil).filter { $0.name == execution }
            }
            guard let newest = matches.max(by: { $0.startDate < $1.startDate }) else {
                throw CloudError(.executionDoesNotExist, "Execution Does Not Exist: '\(execution)'", resource: execution)
            }
            return newest.executionArn
        }
    }
}
