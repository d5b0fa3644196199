import Foundation
import Spawn
import StatesLanguage
import Testing

/// The example's Python handlers compute what the orchestrator needs: a stable deployment id, a
/// dependency order that fails on cycles, deployment records, health checks and rollbacks.
struct ExampleHandlerTests {
    /// Runs `body` (Python, with `load(name)` returning a handler's module and `services` the
    /// catalogue) and returns what it prints as JSON.
    static func python(_ body: String) throws -> JSONValue {
        let script = """
            import importlib.util, json, sys
            base = sys.argv[1]
            def load(name):
                spec = importlib.util.spec_from_file_location(name.replace("-", "_"), f"{base}/functions/{name}/app.py")
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module.handler
            services = json.load(open(f"{base}/config/services.json"))
            def attempt(handler, event):
                try:
                    return {"ok": handler(event, None)}
                except Exception as error:
                    return {"error": type(error).__name__, "message": str(error)}
            \(body)
            """
        let folder = URL(fileURLWithPath: repositoryRoot + "/desired-state").resolvingSymlinksInPath().path
        let output = try Spawn.run("python3", ["-", folder], input: Data(script.utf8), timeout: 60)
        #expect(output.status == 0, "\(output.stderrText)")
        return try JSONValue(parsing: output.stdout)
    }

    @Test func orchestration_deploysEveryServiceAfterItsDependencies() throws {
        let result = try Self.python("""
            init = load("deployment-initializer")(services, None)
            plan = load("dependency-resolver")(init, None)
            switched = []
            for service in plan["plan"]["order"]:
                record = load("microservice-deployer")({"service": service, "deployment": init["deployment"]}, None)
                checked = load("health-checker")(record, None)
                switched.append(load("traffic-switcher")(checked, None)["traffic"])
            again = load("deployment-initializer")(services, None)
            print(json.dumps({"id": init["deployment"]["id"], "again": again["deployment"]["id"],
                              "order": [s["name"] for s in plan["plan"]["order"]],
                              "deps": {s["name"]: s["dependsOn"] for s in plan["plan"]["order"]},
                              "switched": switched}))
            """)
        let order = result["order"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(order.count == 7)
        #expect(order.first == "auth-service")
        for (position, name) in order.enumerated() {
            for dependency in result["deps"]?[name]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                #expect((order.firstIndex(of: dependency) ?? Int.max) < position, "\(dependency) before \(name)")
            }
        }
        #expect(result["id"] == result["again"], "the deployment id is deterministic")
        #expect(result["id"]?.stringValue?.hasPrefix("dep-") == true)
        let switched = result["switched"]?.arrayValue ?? []
        #expect(switched.count == 7)
        #expect(switched.allSatisfy { $0["weight"] == 100 && $0["from"] != $0["to"] })
    }

    @Test func dependencyResolver_reportsTheCycle() throws {
        let result = try Self.python("""
            broken = dict(services)
            broken["services"] = [dict(s) for s in services["services"]]
            broken["services"][0]["dependsOn"] = ["notification-service"]
            init = load("deployment-initializer")(broken, None)
            print(json.dumps(attempt(load("dependency-resolver"), init)))
            """)
        #expect(result["error"] == "DependencyCycle")
        let message = result["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("dependency cycle: auth-service -> "))
        #expect(message.hasSuffix(" -> auth-service"))
    }

    @Test func healthChecker_failsAnUnhealthyServiceAndRollbackExplainsWhy() throws {
        let result = try Self.python("""
            init = load("deployment-initializer")(services, None)
            sick = dict(services["services"][1], simulate={"health": "unhealthy"})
            record = load("microservice-deployer")({"service": sick, "deployment": init["deployment"]}, None)
            checked = attempt(load("health-checker"), record)
            record["error"] = {"Error": checked["error"], "Cause": json.dumps({"errorMessage": checked["message"]})}
            print(json.dumps({"check": checked, "rollback": load("rollback-handler")(record, None), "slot": record["record"]["previousSlot"]}))
            """)
        #expect(result["check"]?["error"] == "HealthCheckFailed")
        #expect(result["rollback"]?["rolledBack"] == true)
        #expect(result["rollback"]?["restoredSlot"] == result["slot"])
        #expect(result["rollback"]?["reason"]?.stringValue?.contains("menu-service") == true)
    }

    @Test func initializer_rejectsAnUnknownEnvironment() throws {
        let result = try Self.python("""
            print(json.dumps(attempt(load("deployment-initializer"), dict(services, environment="moon"))))
            """)
        #expect(result["error"] == "InvalidDeploymentRequest")
        #expect(result["message"]?.stringValue?.contains("unknown environment 'moon'") == true)
    }
}
