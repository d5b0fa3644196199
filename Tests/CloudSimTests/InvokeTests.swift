import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Invoke, metrics and traffic")
struct InvokeTests {
    static let start = Date(timeIntervalSince1970: 1_699_999_980)
    static let settings = SimSettings(seed: 7, rateLimitsEnabled: false, clockStart: start)
    static let failingSource = "def handler(event, context):\n    raise ValueError('bad input')\n"

    /// `fn` with version 1 (echo) and version 2, and alias `live` on 1 with `weight` to 2.
    func canary(_ sim: SimFixture, weight: Double, secondSource: String = SimFixture.echoSource) async throws {
        try await sim.makeFunction("fn", publish: true)
        _ = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("tree-2", source: secondSource), publish: true, revisionId: nil)
        _ = try await sim.provider.createAlias("fn", name: "live", functionVersion: "1", description: "", routing: AliasRouting(version: 2, weight: weight))
    }

    @Test func invoke_byLatestVersionAndAlias_runsTheCodeAndReportsTheExecutedVersion() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("fn", publish: true)
            _ = try await sim.provider.createAlias("fn", name: "live", functionVersion: "1", description: "", routing: nil)
            let latest = try await sim.provider.invoke("fn", qualifier: nil, payload: Data(#"{"n":1}"#.utf8), invocationType: .requestResponse)
            #expect(latest.statusCode == 200 && latest.executedVersion == "$LATEST")
            let body = try #require(try JSONSerialization.jsonObject(with: latest.payload) as? [String: Any])
            #expect((body["echo"] as? [String: Any])?["n"] as? Int == 1)
            #expect(body["version"] as? String == "$LATEST")
            let viaAlias = try await sim.provider.invoke("fn", qualifier: "live", payload: Data(), invocationType: .requestResponse)
            #expect(viaAlias.executedVersion == "1")
            #expect(viaAlias.coldStart == true)
            let warm = try await sim.provider.invoke("fn:1", qualifier: nil, payload: Data(), invocationType: .requestResponse)
            #expect(warm.coldStart == false)
            let dry = try await sim.provider.invoke("fn", qualifier: "1", payload: Data(), invocationType: .dryRun)
            #expect(dry.statusCode == 204)
            let event = try await sim.provider.invoke("fn", qualifier: "1", payload: Data(), invocationType: .event)
            #expect(event.statusCode == 202)
            let metrics = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", start: Self.start, end: Self.start.addingTimeInterval(60)))
            #expect(metrics.summary.invocations == 4)
            #expect(metrics.summary.coldStarts == 2)
        }
    }

    @Test func invoke_badInputAndThrottles_answerLambdaErrors_andThrottlesAreCounted() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("fn")
            let notJSON = await cloudError { _ = try await sim.provider.invoke("fn", qualifier: nil, payload: Data("{oops".utf8), invocationType: .requestResponse) }
            #expect(notJSON?.code == .invalidRequestContent)
            let missing = await cloudError { _ = try await sim.provider.invoke("fn", qualifier: "live", payload: Data(), invocationType: .requestResponse) }
            #expect(missing?.code == .resourceNotFound)
            _ = try await sim.provider.putFunctionConcurrency("fn", reservedConcurrentExecutions: 0)
            let throttled = await cloudError { _ = try await sim.provider.invoke("fn", qualifier: nil, payload: Data(), invocationType: .requestResponse) }
            #expect(throttled?.code == .tooManyRequests)
            #expect(throttled?.message == "Rate Exceeded.")
            #expect(throttled?.reason == "ReservedFunctionConcurrentInvocationLimitExceeded")
            let metrics = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", start: Self.start, end: Self.start.addingTimeInterval(60)))
            #expect(metrics.summary.throttles == 1)
            #expect(metrics.summary.invocations == 0)
        }
    }

    @Test func handlerError_isAFunctionError_countedInErrorsOfThatVersion() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await canary(sim, weight: 0.5, secondSource: Self.failingSource)
            let failing = try await sim.provider.invoke("fn", qualifier: "2", payload: Data(), invocationType: .requestResponse)
            #expect(failing.statusCode == 200)
            #expect(failing.functionError == "Unhandled")
            let error = try #require(try JSONSerialization.jsonObject(with: failing.payload) as? [String: Any])
            #expect(error["errorType"] as? String == "ValueError")
            #expect(error["errorMessage"] as? String == "bad input")
            let window = (Self.start, Self.start.addingTimeInterval(60))
            let two = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", dimension: .executedVersion("2"), start: window.0, end: window.1))
            #expect(two.summary.errors == 1 && two.summary.errorRate == 1)
            let one = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", dimension: .executedVersion("1"), start: window.0, end: window.1))
            #expect(one.summary.invocations == 0)
        }
    }

    @Test func traffic_throughWeightedAlias_splitsByWeight_andRecordsPerMinuteMetrics() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await canary(sim, weight: 0.3)
            let report = try await sim.provider.sendTraffic("fn", qualifier: "live", count: 300, seed: 42, interval: 1)
            #expect(report.sent == 300 && report.succeeded == 300)
            let toTwo = report.byVersion["2", default: 0]
            #expect(toTwo > 60 && toTwo < 120)
            #expect(report.byVersion["1", default: 0] + toTwo == 300)
            #expect(report.end == Self.start.addingTimeInterval(299))
            let metrics = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", dimension: .resource("live"), start: Self.start, end: report.end.addingTimeInterval(1)))
            #expect(metrics.datapoints.count == 5)
            #expect(metrics.datapoints.map(\.invocations) == [60, 60, 60, 60, 60])
            #expect(metrics.summary.durationP50 != nil && metrics.summary.durationP99 != nil)
            let green = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", dimension: .executedVersion("2"), start: Self.start, end: report.end.addingTimeInterval(1)))
            #expect(green.summary.invocations == toTwo)
            let lastTwoMinutes = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", start: Self.start.addingTimeInterval(180), end: Self.start.addingTimeInterval(300)))
            #expect(lastTwoMinutes.summary.invocations == 120)
        }
    }

    @Test func traffic_withTheSameSeed_givesTheSameRoutingFaultsAndMetrics() async throws {
        func run() async throws -> (TrafficReport, FunctionMetrics) {
            try await SimFixture.with(settings: Self.settings) { sim in
                try await canary(sim, weight: 0.5)
                try await sim.cloud.addFault(.functionError(rate: 0.25, errorType: "Flaky", errorMessage: ""), target: FaultTarget(functionName: "fn", qualifier: "2"))
                let report = try await sim.provider.sendTraffic("fn", qualifier: "live", count: 120, seed: 2024, interval: 0.5)
                let metrics = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "fn", dimension: .executedVersion("2"), start: Self.start, end: Self.start.addingTimeInterval(3600)))
                return (report, metrics)
            }
        }
        let (firstReport, firstMetrics) = try await run()
        let (secondReport, secondMetrics) = try await run()
        #expect(firstReport == secondReport)
        #expect(firstMetrics.datapoints.map(\.invocations) == secondMetrics.datapoints.map(\.invocations))
        #expect(firstMetrics.datapoints.map(\.errors) == secondMetrics.datapoints.map(\.errors))
        #expect(firstMetrics.summary.errors > 0 && firstMetrics.summary.errors < firstMetrics.summary.invocations)
        #expect(firstReport.functionErrors == firstMetrics.summary.errors)
    }

    @Test func invocationRecords_olderThanFifteenDays_areDropped() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("fn", publish: true)
            try await sim.cloud.addFault(.fixedResponse(payload: "1", rate: 1), target: FaultTarget(functionName: "fn"))
            _ = try await sim.provider.sendTraffic("fn", qualifier: "1", count: 10, seed: 1)
            let early = FunctionMetricsQuery(functionName: "fn", start: Self.start, end: Self.start.addingTimeInterval(60))
            #expect(try await sim.provider.functionMetrics(early).summary.invocations == 10)
            try await sim.cloud.clock.advance(by: 16 * 86_400)
            let report = try await sim.provider.sendTraffic("fn", qualifier: "1", count: 1100, seed: 1)
            #expect(report.succeeded == 1100)
            #expect(try await sim.provider.functionMetrics(early).summary.invocations == 0)
            let recent = FunctionMetricsQuery(functionName: "fn", start: report.start, end: report.end.addingTimeInterval(60))
            #expect(try await sim.provider.functionMetrics(recent).summary.invocations == 1100)
        }
    }
}
