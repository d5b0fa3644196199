import ArgumentParser
import Cloud
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim fault add|list|remove`: injected faults (environment state, never desired state).
    struct Fault: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fault",
            abstract: "Inject, list and remove faults: function errors, latency, fixed responses, API errors, throttling.",
            subcommands: [Add.self, List.self, Remove.self], defaultSubcommand: List.self)

        /// The kinds of fault `fault add` makes.
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case functionError = "function-error", latency, response, apiError = "api-error", throttle, regionDown = "region-down"
        }

        /// `plumb sim fault add KIND [selectors] [parameters]`.
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a fault.",
                discussion: """
                    Kinds: function-error (invocations fail), latency (invocations take longer), response \
                    (invocations answer --response without running), api-error (--operation calls fail with \
                    --error-code), throttle (--operation calls are throttled), region-down (every call in \
                    --region fails). Selectors narrow what is hit; --rate hits a fraction (seeded), --count only \
                    the next K hits.
                    """)

            @OptionGroup var global: GlobalOptions

            @Argument(help: "function-error, latency, response, api-error, throttle or region-down.")
            var kind: Kind

            @Option(name: .long, help: "Only this account.") var account: String?
            @Option(name: .long, help: "Only this region.") var region: String?
            @Option(name: .long, help: "Only invocations of this function.") var function: String?
            @Option(name: .long, help: "Only invocations of this version or through this alias.") var qualifier: String?
            @Option(name: .customLong("code-id"), help: "Only invocations of code with this bundle id (git tree id).") var codeId: String?
            @Option(name: .long, help: "Only this API operation: lambda:UpdateFunctionCode, lambda:*, states:CreateStateMachine, …") var operation: String?
            @Option(name: .long, help: "Fraction of selected calls hit, 0–1 (default 1).") var rate: Double = 1
            @Option(name: .long, help: "Only the next K hits, then the fault removes itself.") var count: Int?
            @Option(name: .customLong("latency"), help: "Added latency (latency kind), e.g. 500ms or 2s.") var latency: SimDuration?
            @Option(name: .long, help: "Fixed response JSON (response kind).") var response: String?
            @Option(name: .customLong("error-code"), help: "AWS error name (api-error) or error type (function-error).") var errorCode: String?
            @Option(name: .long, help: "Error message.") var message: String = ""

            func run() async throws {
                try await SimCommand.run(global) { cloud in
                    let target = FaultTarget(account: account, region: region, functionName: function, qualifier: qualifier,
                                             codeId: codeId, operation: operation)
                    let effect: FaultEffect
                    switch kind {
                    case .functionError: effect = .functionError(rate: rate, errorType: errorCode ?? "InjectedFault", errorMessage: message)
                    case .latency:
                        guard let latency else { throw ValidationError("a latency fault needs --latency, e.g. --latency 500ms") }
                        effect = .latency(milliseconds: latency.seconds * 1000, rate: rate)
                    case .response:
                        guard let response else { throw ValidationError("a response fault needs --response with JSON text") }
                        effect = .fixedResponse(payload: response, rate: rate)
                    case .apiError: effect = .apiError(code: errorCode ?? "ServiceException", message: message, rate: rate)
                    case .throttle: effect = .throttle(rate: rate)
                    case .regionDown: effect = .regionUnavailable
                    }
                    let fault = try await cloud.addFault(effect, target: target, remaining: count)
                    if global.output == .json { return SimCommand.printJSON(fault) }
                    print("Added fault \(fault.id): \(List.describe(fault))")
                }
            }
        }

        /// `plumb sim fault list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List faults.")

            @OptionGroup var global: GlobalOptions

            /// One line describing a fault.
            static func describe(_ fault: CloudSim.Fault) -> String {
                let effect: String
                switch fault.effect {
                case .functionError(let rate, let type, _): effect = "function-error \(type) rate \(rate)"
                case .latency(let milliseconds, let rate): effect = "latency +\(Int(milliseconds))ms rate \(rate)"
                case .fixedResponse(let payload, let rate): effect = "response \(payload) rate \(rate)"
                case .apiError(let code, _, let rate): effect = "api-error \(code) rate \(rate)"
                case .throttle(let rate): effect = "throttle rate \(rate)"
                case .regionUnavailable: effect = "region-down"
                }
                let target = fault.target
                let selectors = [("account", target.account), ("region", target.region), ("function", target.functionName),
                                 ("qualifier", target.qualifier), ("code-id", target.codeId), ("operation", target.operation)]
                    .compactMap { key, value in value.map { "\(key)=\($0)" } }
                let scope = selectors.isEmpty ? "everything" : selectors.joined(separator: " ")
                return "\(effect) on \(scope)" + (fault.remaining.map { ", \($0) hits left" } ?? "")
            }

            func run() async throws {
                try await SimCommand.run(global) { cloud in
                    let faults = try await cloud.faults()
                    if global.output == .json { return SimCommand.printJSON(faults) }
                    if faults.isEmpty { return print("No faults.") }
                    for fault in faults { print("\(fault.id)  \(Self.describe(fault))") }
                }
            }
        }

        /// `plumb sim fault remove ID|--all`.
        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a fault by id, or all of them.")

            @OptionGroup var global: GlobalOptions

            @Argument(help: "The fault's id (from `fault list`).") var id: Int64?
            @Flag(name: .long, help: "Remove every fault (region outages included).") var all = false

            func validate() throws {
                if (id == nil) == !all { throw ValidationError("give a fault id, or --all") }
            }

            func run() async throws {
                try await SimCommand.run(global) { cloud in
                    if all {
                        let removed = try await cloud.removeAllFaults()
                        if global.output == .json { return SimCommand.printJSON(["removed": removed]) }
                        return print("Removed \(removed) fault\(removed == 1 ? "" : "s").")
                    }
                    guard let id, try await cloud.removeFault(id: id) else {
                        throw SimError("There is no fault \(id ?? 0); `plumb sim fault list` shows the ids.")
                    }
                    if global.output == .json { return SimCommand.printJSON(["removed": 1]) }
                    print("Removed fault \(id).")
                }
            }
        }
    }
}
