import Cloud
import CloudSim
import Foundation
import GRDB
import StatesLanguage
import Testing

/// The repository's example: six real Python functions and the restaurant deployment orchestrator.
enum ExampleOrchestrator {
    /// `desired-state/` of this repository.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("desired-state")
    /// The six functions, by their placeholder in the definition.
    static let functions = [
        "DeploymentInitializer": "deployment-initializer", "DependencyResolver": "dependency-resolver",
        "MicroserviceDeployer": "microservice-deployer", "HealthChecker": "health-checker",
        "TrafficSwitcher": "traffic-switcher", "RollbackHandler": "rollback-handler",
    ]

    /// Creates the functions and the state machine in `sim`; answers the state machine's ARN.
    static func create(in sim: SimFixture) async throws -> String {
        var definition = try String(contentsOf: root.appendingPathComponent("state-machines/restaurant-deployment-orchestrator.asl.json"), encoding: .utf8)
        for (placeholder, name) in functions.sorted(by: { $0.key < $1.key }) {
            let source = try String(contentsOf: root.appendingPathComponent("functions/\(name)/app.py"), encoding: .utf8)
            let function = try await sim.makeFunction(name, code: SimFixture.bundle(name, source: source), timeout: 300)
            definition = definition.replacingOccurrences(of: "${\(placeholder)}", with: function.functionArn)
        }
        return try await sim.makeMachine("restaurant-deployment-orchestrator", definition: definition).stateMachineArn
    }

    /// The example input.
    static func input() throws -> String {
        try String(contentsOf: root.appendingPathComponent("config/services.json"), encoding: .utf8)
    }
}

@Suite("Executions: the example orchestrator")
struct ExecutionOrchestratorTests {
    @Test func orchestrator_withExampleServices_succeedsThroughEveryFunction() async throws {
        try await SimFixture.with(settings: SimSettings(seed: 3, rateLimitsEnabled: false)) { sim in
            let machine = try await ExampleOrchestrator.create(in: sim)
            let execution = try await sim.run(machine, input: try ExampleOrchestrator.input(), name: "deploy-test")
            #expect(execution.status == .succeeded, "error \(execution.error ?? "-"): \(execution.cause ?? "-")")
            let history = try await sim.provider.getExecutionHistory(execution.executionArn, reverseOrder: false)
            let scheduled = history.filter { $0.type == "TaskScheduled" }.count
            #expect(scheduled >= 5)
            #expect(history.contains { $0.type == "MapStateEntered" })
            #expect(history.last?.type == "ExecutionSucceeded")
            // The stored history is whole and in order.
            #expect(history.count > 64)
            #expect(history.map(\.id) == Array(1...history.count))
            #expect(history.first?.type == "ExecutionStarted")
            #expect(history.allSatisfy { $0.previousEventId < $0.id && $0.details.hasPrefix("{") })
            // Each event's details read back as JSON whose payloads are JSON texts themselves.
            var payloads = 0
            for event in history {
                guard case .object(let body) = try JSONValue(parsing: Data(event.details.utf8)) else {
                    Issue.record("event \(event.id) has no details object"); continue
                }
                for (_, details) in body {
                    guard case .object(let fields) = details else { continue }
                    for key in ["input", "output"] {
                        guard case .string(let text) = fields[key] else { continue }
                        _ = try JSONValue(parsing: Data(text.utf8))
                        payloads += 1
                    }
                }
            }
            #expect(payloads > 64)
            // Stored packed: shared payloads once, in a fraction of the text it reads back as.
            let stored = try await DatabaseQueue(path: sim.cloud.databasePath).read { db in
                try Int.fetchOne(db, sql: "SELECT length(events) FROM executionHistory WHERE executionArn = ?", arguments: [execution.executionArn])
            }
            let text = history.reduce(0) { $0 + $1.details.utf8.count }
            #expect(try #require(stored) * 3 < text, "stored \(stored ?? 0) bytes for \(text) bytes of details")
        }
    }
}
