import ArgumentParser
import Cloud
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim start-execution NAME[:ALIAS|:VERSION] --input JSON|@file [--name N] [--wait]`.
    struct StartExecution: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start-execution",
            abstract: "Start an execution of a state machine, version or alias (StartExecution).",
            discussion: """
                The simulated cloud runs the execution in this process, so the command returns once \
                it has ended (a virtual clock makes waits instant). --wait prints the outcome and exits \
                with status 1 unless it SUCCEEDED. EXPRESS state machines run through StartSyncExecution.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        @Argument(help: "NAME, NAME:ALIAS, NAME:VERSION or a state machine ARN.")
        var stateMachine: String

        @Option(name: .long, help: "The input, as JSON text or @FILE.")
        var input: String = "{}"

        @Option(name: .long, help: "The execution's name (a UUID when omitted).")
        var name: String?

        @Flag(name: .long, help: "Print the outcome (status, output or error) and fail unless it succeeded.")
        var wait = false

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.provider(account: scope.account, region: scope.region)
                let text = try SimExecutionText.input(input)
                let arn = SimExecutionText.stateMachineArn(stateMachine, in: provider.scope)
                let request = StartExecutionRequest(stateMachineArn: arn, name: name, input: text)
                let machine = try await cloud.inspector(account: scope.account, region: scope.region).describeStateMachine(
                    SimExecutionText.unqualified(arn))
                let execution: StateMachineExecution
                if machine.type == .express {
                    execution = try await provider.startSyncExecution(request)
                } else {
                    let started = try await provider.startExecution(request)
                    if !wait {
                        if global.output == .json {
                            SimCommand.printJSON(started)
                        } else {
                            print("Started \(started.executionArn)")
                        }
                    }
                    await provider.awaitExecution(started.executionArn)
                    execution = try await provider.describeExecution(started.executionArn)
                }
                guard wait || machine.type == .express else { return }
                SimExecutionText.printExecution(execution, global)
                if execution.status != .succeeded { throw ExitCode(1) }
            }
        }
    }
}

/// Parsing and printing shared by the execution commands.
enum SimExecutionText {
    /// `text`, or the contents of the file after `@`.
    static func input(_ text: String) throws -> String {
        guard text.hasPrefix("@") else { return text }
        let path = String(text.dropFirst())
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--input \(text): cannot read \(path); give JSON text or @FILE of a readable file.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The state machine ARN of `NAME[:QUALIFIER]`, or `text` itself when it is an ARN.
    static func stateMachineArn(_ text: String, in scope: CloudScope) -> String {
        if text.hasPrefix("arn:") { return text }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        return ARN.stateMachine(parts.first ?? text, qualifier: parts.count > 1 ? parts[1] : nil, in: scope).description
    }

    /// The ARN without a version or alias qualifier.
    static func unqualified(_ arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 7 ? parts.prefix(7).joined(separator: ":") : arn
    }

    /// One execution in text or JSON.
    static func printExecution(_ execution: StateMachineExecution, _ global: GlobalOptions) {
        if global.output == .json { return SimCommand.printJSON(execution) }
        var lines = ["Execution \(execution.executionArn)", "Status    \(execution.status.rawValue)",
                     "Started   \(SimCommand.format(execution.startDate))"]
        if let stop = execution.stopDate { lines.append("Stopped   \(SimCommand.format(stop))") }
        if let version = execution.stateMachineVersionArn { lines.append("Version   \(version)") }
        if let alias = execution.stateMachineAliasArn { lines.append("Alias     \(alias)") }
        if let input = execution.input { lines.append("Input     \(input)") }
        if let output = execution.output { lines.append("Output    \(output)") }
        if let error = execution.error { lines.append("Error     \(error)") }
        if let cause = execution.cause { lines.append("Cause     \(cause)") }
        print(lines.joined(separator: "\n"))
    }
}
