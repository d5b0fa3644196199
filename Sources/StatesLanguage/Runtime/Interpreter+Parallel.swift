/// Parallel and Map states: branches and iterations run concurrently, each on its own strand of history.
extension Interpreter {
    func runParallel(_ visit: inout StateVisit, branches: [StateGraph], strand: inout Strand) async throws -> JSONValue {
        let snapshot = visit
        let input = try effectiveInput(snapshot)
        let startedId = try record(.parallelStateStarted, HistoryEventDetails(), strand: &strand)
        let results: [JSONValue]
        do {
            results = try await runJobs(count: branches.count, limit: branches.count, tolerance: nil) { index in
                var branchStrand = Strand(previousEventId: startedId)
                return try await self.runGraph(branches[index], input: input, strand: &branchStrand)
            }
        } catch let failure as StatesError {
            try record(.parallelStateFailed, HistoryEventDetails(), strand: &strand)
            throw failure
        }
        try record(.parallelStateSucceeded, HistoryEventDetails(), strand: &strand)
        return try stateOutput(snapshot, result: .array(results))
    }

    func runMap(_ visit: inout StateVisit, spec: MapSpec, strand: inout Strand) async throws -> JSONValue {
        let snapshot = visit
        let input = try effectiveInput(snapshot)
        let itemInputs = try processing(snapshot) { try mapItemInputs(snapshot, spec: spec, input: input) }
        let limits = try processing(snapshot) {
            (concurrency: try count(spec.maxConcurrency, "MaxConcurrencyPath", snapshot, input: input),
             failures: try count(spec.toleratedFailureCount, "ToleratedFailureCountPath", snapshot, input: input),
             percentage: try count(spec.toleratedFailurePercentage, "ToleratedFailurePercentagePath", snapshot, input: input))
        }
        let startedId = try record(.mapStateStarted, HistoryEventDetails(length: itemInputs.count), strand: &strand)
        let total = itemInputs.count
        var tolerance: ((Int) -> Bool)?
        if limits.failures != nil || limits.percentage != nil {
            tolerance = { failed in
                if let allowed = limits.failures, failed > allowed { return false }
                if let percentage = limits.percentage, total > 0, Double(failed) * 100 / Double(total) > Double(percentage) { return false }
                return true
            }
        }
        let concurrency = (limits.concurrency ?? 0) == 0 ? environment.mapConcurrencyLimit : limits.concurrency ?? 1
        let name = snapshot.node.name
        let processor = spec.processor
        let results: [JSONValue]
        do {
            results = try await runJobs(count: total, limit: concurrency, tolerance: tolerance) { index in
                var iterationStrand = Strand(previousEventId: startedId)
                let details = HistoryEventDetails(name: name, index: index)
                try self.record(.mapIterationStarted, details, strand: &iterationStrand)
                do {
                    let output = try await self.runGraph(processor, input: itemInputs[index], strand: &iterationStrand)
                    try self.record(.mapIterationSucceeded, details, strand: &iterationStrand)
                    return output
                } catch let failure as StatesError {
                    try self.record(.mapIterationFailed, details, strand: &iterationStrand)
                    throw failure
                } catch is CancellationError {
                    _ = try? self.record(.mapIterationAborted, details, strand: &iterationStrand)
                    throw CancellationError()
                }
            }
        } catch let failure as StatesError {
            try record(.mapStateFailed, HistoryEventDetails(), strand: &strand)
            throw failure
        }
        try record(.mapStateSucceeded, HistoryEventDetails(), strand: &strand)
        return try stateOutput(snapshot, result: .array(results))
    }

    /// The input of each iteration: the items at `ItemsPath`, passed through `ItemSelector`, and
    /// grouped by `ItemBatcher`.
    func mapItemInputs(_ visit: StateVisit, spec: MapSpec, input: JSONValue) throws -> [JSONValue] {
        let itemsValue = try spec.itemsPath.map { try resolve($0, in: scope(visit, input: input)) } ?? input
        guard case .array(let items) = itemsValue else {
            throw StatesError(StatesErrorName.runtime, cause: "Invalid path '\(spec.itemsPath?.text ?? "$")' : The ItemsPath of the Map state '\(visit.node.name)' must reference a JSON array, got \(itemsValue.typeName).")
        }
        var inputs = items
        if let selector = spec.itemSelector {
            inputs = try items.enumerated().map { index, item in
                var itemScope = scope(visit, input: input)
                itemScope.context.mapItem = (index, item)
                return try selector.evaluate(in: itemScope)
            }
        }
        guard let batchSize = spec.batchMaxItems else { return inputs }
        let batchInput = try spec.batchInput?.evaluate(in: scope(visit, input: input))
        return stride(from: 0, to: inputs.count, by: batchSize).map { start in
            var batch: JSONObject = ["Items": .array(Array(inputs[start..<min(start + batchSize, inputs.count)]))]
            if let batchInput { batch["BatchInput"] = batchInput }
            return .object(batch)
        }
    }

    func count(_ source: IntegerSource?, _ field: String, _ visit: StateVisit, input: JSONValue) throws -> Int? {
        switch source {
        case nil: return nil
        case .literal(let value)?: return value
        case .path(let path)?:
            let value = try resolve(path, in: scope(visit, input: input))
            guard let number = value.integerValue, number >= 0 else {
                throw StatesError(StatesErrorName.runtime, cause: "The \(field) field does not reference a non-negative integer value: \(value)")
            }
            return Int(number)
        }
    }

    /// Runs `count` jobs, at most `limit` at once, and returns their results in order. The first
    /// failure cancels the others and is rethrown — unless `tolerance` accepts the number of failures
    /// so far, in which case a failed job's result is its error output.
    func runJobs(
        count: Int, limit: Int, tolerance: ((Int) -> Bool)?,
        job: @escaping @Sendable (Int) async throws -> JSONValue
    ) async throws -> [JSONValue] {
        guard count > 0 else { return [] }
        let (results, failure) = await withTaskGroup(of: JobOutcome.self, returning: ([JSONValue], (any Error)?).self) { group in
            var results = [JSONValue](repeating: .null, count: count)
            var next = 0
            var failure: (any Error)?
            var failed = 0
            func start(_ index: Int) {
                group.addTask {
                    do {
                        return JobOutcome(index: index, value: try await job(index), error: nil)
                    } catch {
                        return JobOutcome(index: index, value: .null, error: error)
                    }
                }
            }
            while next < min(max(limit, 1), count) {
                start(next)
                next += 1
            }
            for await outcome in group {
                switch outcome.error {
                case nil:
                    results[outcome.index] = outcome.value
                case let interrupt as ExecutionInterrupt:
                    failure = interrupt
                    group.cancelAll()
                case let error as StatesError where tolerance != nil && failure == nil:
                    failed += 1
                    results[outcome.index] = error.errorOutput
                    if tolerance?(failed) == false {
                        failure = StatesError(StatesErrorName.exceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded")
                        group.cancelAll()
                    }
                case let error?:
                    if failure == nil || (failure is CancellationError && !(error is CancellationError)) { failure = error }
                    group.cancelAll()
                }
                if failure == nil && next < count {
                    start(next)
                    next += 1
                }
            }
            return (results, failure)
        }
        if let failure { throw failure }
        return results
    }
}

/// The result of one job of `runJobs`: its value, or the error it threw.
struct JobOutcome: Sendable {
    let index: Int
    let value: JSONValue
    let error: (any Error)?
}
