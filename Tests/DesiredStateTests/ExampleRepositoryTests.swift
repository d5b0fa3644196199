import DesiredState
import Foundation
import Git
import PlumbTesting
import StatesLanguage
import Testing

/// The example desired state (`desired-state/`): the restaurant deployment orchestrator.
struct ExampleRepositoryTests {
    @Test(arguments: [nil, "production", "disaster-recovery", "test"])
    func example_validatesWithoutErrorsOrWarnings(environment: String?) throws {
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let result = try loadBoth(fixture, environment: environment)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRendering.text(result.diagnostics))")
        #expect(result.state.functions.map(\.name) == ["dependency-resolver", "deployment-initializer", "health-checker",
                                                       "microservice-deployer", "rollback-handler", "traffic-switcher"])
        #expect(result.state.stateMachines.map(\.name) == ["restaurant-deployment-orchestrator"])
    }

    @Test func example_inProduction_resolvesARNsAndAppliesPatches() throws {
        let directory = try TemporaryDirectory()
        let state = try loadBoth(try commitExample(in: directory), environment: "production").validState()
        #expect(state.target == DeploymentTarget(environment: "production", account: "424470772957", region: "us-east-1", backupRegion: "us-west-2"))
        let deployer = try #require(state.function(named: "microservice-deployer"))
        #expect(deployer.arn == "arn:aws:lambda:us-east-1:424470772957:function:microservice-deployer")
        #expect(deployer.roleARN == "arn:aws:iam::424470772957:role/deployment-functions")
        #expect(deployer.spec.memoryMB == 1024, "the production patch raises the deployer's memory")
        #expect(deployer.spec.reservedConcurrency == 20)
        #expect(deployer.spec.environment["DEPLOY_ENVIRONMENT"] == "production")
        #expect(deployer.spec.tags["environment"] == "production")
        #expect(deployer.spec.rollout.strategy == .canary(percent: 10, minutes: 5))

        let machine = try #require(state.stateMachine(named: "restaurant-deployment-orchestrator"))
        #expect(machine.arn == "arn:aws:states:us-east-1:424470772957:stateMachine:restaurant-deployment-orchestrator")
        let first = machine.definition["States"]?["InitializeDeployment"]?["Parameters"]?["FunctionName"]
        #expect(first == .string("arn:aws:lambda:us-east-1:424470772957:function:deployment-initializer:live"))
        let nested = machine.definition["States"]?["DeployServices"]?["ItemProcessor"]?["States"]?["DeployService"]?["Parameters"]?["FunctionName"]
        #expect(nested == .string("arn:aws:lambda:us-east-1:424470772957:function:microservice-deployer:live"))
        #expect(Set(machine.invokedFunctions.map(\.function)) == Set(state.functions.map(\.name)))
        #expect(machine.invokedFunctions.first { $0.function == "health-checker" }?.state == "DeployServices/HealthCheck")

        let policy = try #require(state.policy(named: "invoke-deployment-functions"))
        let resources = policy.document["Statement"]?[0]?["Resource"]?.arrayValue ?? []
        #expect(resources.contains(.string("arn:aws:lambda:us-east-1:424470772957:function:rollback-handler:*")))
        let role = try #require(state.role(named: "deployment-functions"))
        let logs = role.inlinePolicies["write-logs"]?["Statement"]?[0]?["Resource"]?[0]
        #expect(logs == .string("arn:aws:logs:us-east-1:424470772957:log-group:/aws/lambda/deployment-initializer:*"))
    }

    @Test func example_inDisasterRecovery_pointsEveryARNAtTheBackupRegion() throws {
        let directory = try TemporaryDirectory()
        let state = try loadBoth(try commitExample(in: directory), environment: "disaster-recovery").validState()
        #expect(state.target.region == "us-west-2")
        for function in state.functions { #expect(function.arn.hasPrefix("arn:aws:lambda:us-west-2:424470772957:")) }
        let text = try #require(state.stateMachines.first).definition.serialized()
        #expect(!text.contains("us-east-1"))
        #expect(text.contains("arn:aws:lambda:us-west-2:424470772957:function:traffic-switcher:live"))
    }

    @Test func example_codeIdentity_isTheGitTreeIDOfTheCodeFolder() throws {
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let state = try loadBoth(fixture).validState()
        for function in state.functions {
            let expected = try fixture.revParse("HEAD:\(function.code.path)")
            #expect(function.code.treeID == expected, "\(function.name)")
            #expect(function.code.path == "functions/\(function.name)")
        }
        let files = try state.codeReader.files(of: try #require(state.function(named: "dependency-resolver")))
        #expect(files.map(\.path) == ["app.py"])
        #expect(String(decoding: files[0].bytes, as: UTF8.self).contains("def handler(event, context):"))
    }

    @Test func example_smokeTests_readTheServiceCatalogueAsInput() throws {
        let directory = try TemporaryDirectory()
        let state = try loadBoth(try commitExample(in: directory), environment: "test").validState()
        let tests = try #require(state.stateMachines.first).spec.rollout.smokeTests
        #expect(tests.count == 2)
        #expect(tests[0].inputFile == "config/services.json")
        #expect(tests[0].expect == .succeeded)
        let services = tests[0].input["services"]?.arrayValue ?? []
        #expect(services.compactMap { $0["name"]?.stringValue } == ["auth-service", "menu-service", "order-service", "payment-service",
                                                                   "kitchen-service", "delivery-service", "notification-service"])
        #expect(tests[1].expect == .failed)
        #expect(state.stateMachines.first?.spec.alias == "live")
    }

    @Test func example_maintenance_freezesSundayMorningsUTC() throws {
        let directory = try TemporaryDirectory()
        let state = try loadBoth(try commitExample(in: directory)).validState()
        let maintenance = try #require(state.maintenance)
        #expect(maintenance.spec.mode == .normal)
        #expect(maintenance.spec.freezeWindows == [FreezeWindow(days: [.sunday], start: TimeOfDay(hour: 2, minute: 0), end: TimeOfDay(hour: 4, minute: 0),
                                                                timezone: "UTC", reason: "Weekly maintenance window (runbook, Sunday 2:00-4:00 AM UTC)")])
        #expect(state.environments.map(\.name) == ["disaster-recovery", "production", "test"])
    }

    @Test func example_deploymentOrder_putsIAMFirstAndRespectsDependsOn() throws {
        let directory = try TemporaryDirectory()
        let order = try loadBoth(try commitExample(in: directory)).validState().deploymentOrder
        func position(_ kind: ResourceKind, _ name: String) -> Int { order.firstIndex(of: ResourceID(kind, name)) ?? -1 }
        #expect(order.count == 10)
        #expect(position(.policy, "invoke-deployment-functions") < position(.role, "step-functions-execution"))
        #expect(position(.role, "deployment-functions") < position(.function, "health-checker"))
        for dependency in ["health-checker", "traffic-switcher", "rollback-handler"] {
            #expect(position(.function, dependency) < position(.function, "microservice-deployer"))
        }
        #expect(order.last == ResourceID(.stateMachine, "restaurant-deployment-orchestrator"))
    }
}
