import DesiredState
import Foundation
import PlumbTesting
import Reconcile
import StatesLanguage
import Testing

/// Drift as a pure function of the last deployed desired state and the live state, and its
/// three renderings.
@Suite struct DriftReportTests {
    static let manifests = """
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: exec}
        spec: {trust: {service: lambda.amazonaws.com}}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: orders}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec, memoryMB: 256, environment: {API_TOKEN: s3cr3t-value}}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: billing}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: ledger}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec, timeoutSeconds: 10}
        ---
        apiVersion: plumb.dev/v1
        kind: Maintenance
        metadata: {name: maintenance}
        spec: {blocked: [ledger]}
        """
    static let live = """
        {"functions": {
           "orders": {"latest": {"codeId": "{{code}}", "memoryMB": 512, "role": "arn:aws:iam::000000000000:role/exec",
                                 "environment": {"API_TOKEN": "leaked-old-value"}},
                      "versions": {}, "aliases": [], "tags": {"plumb:managed": "true"}},
           "ledger": {"latest": {"codeId": "{{code}}", "role": "arn:aws:iam::000000000000:role/exec"},
                      "versions": {}, "aliases": [], "tags": {"plumb:managed": "true"}},
           "old": {"versions": {}, "aliases": [], "tags": {"plumb:managed": "true"}},
           "manual": {"versions": {}, "aliases": [], "tags": {}}},
         "roles": {"exec": {"trust": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                            "inline": {}, "attached": [], "tags": {"plumb:managed": "true"}}}}
        """

    func report(_ folder: TemporaryDirectory) throws -> DriftReport {
        let desired = try DesiredFixture.load(DriftReportTests.manifests, in: folder)
        let live = try LiveFixture.parse(DriftReportTests.live, codeId: desired.functions.first?.code.treeID ?? "")
        return Drift.report(desired: desired, live: live, now: LiveFixture.epoch)
    }

    @Test func outOfBandEdits_areReportedAsModifiedMissingOrphanedUnmanagedAndHeld() throws {
        let folder = try TemporaryDirectory()
        let report = try report(folder)
        #expect(report.hasDrift)
        #expect(report.modified.map(\.resource.description) == ["Function/orders"])
        #expect(report.modified.first?.diffs.map(\.path) == ["memoryMB", "environment.API_TOKEN"])
        #expect(report.missing.map(\.description) == ["Function/billing"])
        #expect(report.orphaned.map(\.description) == ["Function/old"])
        #expect(report.unmanaged.map(\.description) == ["Function/manual"])
        #expect(report.held.map(\.change.resource.description) == ["Function/ledger"])
        #expect(report.summary == "1 modified, 1 missing, 1 orphaned, 1 unmanaged, 1 held")
    }

    @Test func renderings_showFieldsWithDesiredAndLiveValues_andNeverASecret() throws {
        let folder = try TemporaryDirectory()
        let report = try report(folder)
        let text = report.renderText()
        #expect(text.contains("memoryMB: desired 256, live 512"))
        #expect(text.contains("- orphaned Function/old"))
        let markdown = report.renderMarkdown()
        #expect(markdown.contains("| `memoryMB` | `512` | `256` |"))
        #expect(markdown.contains("#### Held (pending)"))
        let json = try JSONValue(parsing: report.renderJSON())
        #expect(json["drift"] == true)
        #expect(json["modified"]?[0]?["diffs"]?[0]?["path"] == "memoryMB")
        #expect(json["modified"]?[0]?["diffs"]?[0]?["live"] == "512")
        #expect(json["held"]?[0]?["reason"]?["code"] == "blocked")
        for output in [text, markdown, report.renderJSON()] {
            #expect(!output.contains("s3cr3t-value") && !output.contains("leaked-old-value"))
        }
    }

    @Test func inSyncEnvironment_hasNoDrift() throws {
        let folder = try TemporaryDirectory()
        let desired = try DesiredFixture.load("""
            apiVersion: plumb.dev/v1
            kind: Role
            metadata: {name: exec}
            spec: {trust: {service: lambda.amazonaws.com}}
            """, in: folder)
        let live = try LiveFixture.parse("""
            {"roles": {"exec": {"trust": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}},
                                "inline": {}, "attached": [], "tags": {"plumb:managed": "true"}}}}
            """)
        let report = Drift.report(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(!report.hasDrift && report.held.isEmpty)
        #expect(report.renderText().contains("No drift"))
    }
}
