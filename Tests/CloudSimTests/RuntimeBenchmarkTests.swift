import CloudSim
import Testing

@Suite("Function runtime: benchmark")
struct RuntimeBenchmarkTests {
    @Test(arguments: [1, 2])
    func benchmark_runsEveryTimedInvocationWarmAndCorrect(concurrency: Int) async throws {
        let figures = try await RuntimeBenchmark.run(invocations: 200, concurrency: concurrency)
        #expect(figures.invocations == 200)
        #expect(figures.failures == 0)
        #expect(figures.coldStarts == 0)
        #expect(figures.concurrency == concurrency)
    }
}
