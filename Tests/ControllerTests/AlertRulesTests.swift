import Foundation
import Spawn
import Testing

/// The Prometheus alerting rules in docs/alerts, checked and unit-tested with promtool.
@Suite struct AlertRulesTests {
    struct PromtoolMissing: Error, CustomStringConvertible {
        var description: String {
            "promtool is not installed: install the Debian package 'prometheus' (scripts/setup --test does) or set PROMTOOL to its path"
        }
    }

    /// promtool's path: `PROMTOOL`, or the first `promtool` on `PATH` or in /usr/bin.
    static func promtool() throws -> String {
        if let path = ProcessInfo.processInfo.environment["PROMTOOL"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/promtool") { return folder + "/promtool" }
        throw PromtoolMissing()
    }

    static var alertsFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/alerts").path
    }

    @Test func alertRules_passPromtoolCheckRules() throws {
        let result = try Spawn.run(try Self.promtool(), ["check", "rules", "plumb-alerts.yml"], directory: Self.alertsFolder, timeout: 60)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("SUCCESS: 11 rules found"))
    }

    @Test func alertRules_fireAsTheRunbookSaysInPromtoolUnitTests() throws {
        let result = try Spawn.run(try Self.promtool(), ["test", "rules", "plumb-alerts.test.yml"], directory: Self.alertsFolder, timeout: 60)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    @Test func prometheusExampleConfiguration_passesPromtoolCheckConfig() throws {
        let result = try Spawn.run(try Self.promtool(), ["check", "config", "prometheus.yml"], directory: Self.alertsFolder, timeout: 60)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    @Test func alertRules_coverEveryAlertOfTheRunbook() throws {
        let rules = try String(contentsOfFile: Self.alertsFolder + "/plumb-alerts.yml", encoding: .utf8)
        for alert in ["Critical_Deployment_Failure", "Lambda_Function_Complete_Failure", "State_Machine_Down",
                      "Performance_Degradation", "High_Error_Rate", "Capacity_Warning"] {
            #expect(rules.contains("runbook_alert: \(alert)"), "no rule for the runbook's \(alert)")
        }
    }
}
