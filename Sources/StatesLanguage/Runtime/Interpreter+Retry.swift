import Foundation

extension Interpreter {
    /// Runs `attempt` until it succeeds, retrying per the state's `Retry` and falling back to its
    /// `Catch`; returns the output and where to go next.
    func withRetries(
        _ visit: inout StateVisit, strand: inout Strand,
        _ attempt: (inout StateVisit, inout Strand) async throws -> JSONValue
    ) async throws -> (JSONValue, Transition) {
        let node = visit.node
        var attempts = [Int](repeating: 0, count: node.retriers.count)
        while true {
            do {
                return (try await attempt(&visit, &strand), node.transition)
            } catch let failure as StatesError {
                if failure.isTerminal { throw failure }
                if let index = node.retriers.firstIndex(where: { $0.errorEquals.matches(failure) }),
                   attempts[index] < node.retriers[index].maxAttempts {
                    let delay = retryDelay(node.retriers[index], previousAttempts: attempts[index])
                    attempts[index] += 1
                    visit.context.retryCount += 1
                    try await pause(until: clock.now().addingTimeInterval(delay))
                    try checkpoint()
                    continue
                }
                if let catcher = node.catchers.first(where: { $0.errorEquals.matches(failure) }) {
                    let output = try processing(visit) { try place(failure.errorOutput, catcher.resultPath, in: visit.rawInput) }
                    return (output, .next(catcher.next))
                }
                throw failure
            }
        }
    }

    /// `IntervalSeconds × BackoffRate^n`, capped by `MaxDelaySeconds`, randomized in `[0, delay]`
    /// with `JitterStrategy: FULL`.
    func retryDelay(_ retrier: Retrier, previousAttempts: Int) -> Double {
        var delay = retrier.intervalSeconds * pow(retrier.backoffRate, Double(previousAttempts))
        if let cap = retrier.maxDelaySeconds { delay = min(delay, cap) }
        if retrier.jitter == .full { delay *= environment.random.unit() }
        return delay
    }

    /// Waits on the clock until `target`; ends the execution if its timeout comes first.
    func pause(until target: Date) async throws {
        if let deadline, target >= deadline {
            try await clock.sleep(until: deadline)
            throw ExecutionInterrupt.timedOut
        }
        try await clock.sleep(until: target)
    }
}
