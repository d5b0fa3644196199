import Cloud

extension SimProvider {
    /// The change token of every resource (see `ChangeCounting`), as one call.
    public func changeCounters() async throws -> ChangeCounters? {
        guard case .read(let counters) = try await changeCounters(unlessAt: nil) else { return nil }
        return counters
    }

    /// `.unchanged` when the store's watermark is still `watermark`, else every token (see
    /// `ChangeCounting.watermark`). Admitted as one ListFunctions call: it takes the place of the
    /// list calls, under the same outage, fault and rate rules.
    public func changeCounters(unlessAt watermark: UInt64?) async throws -> ChangeCountersReading {
        let scope = self.scope
        return try await call(SimOperation(.lambda, "ListFunctions"), in: scope) { context in
            if let watermark, try ChangeCounting.watermark(context.db) == watermark { return .unchanged(watermark: watermark) }
            return .read(try ChangeCounting.counters(context.db, scope: scope))
        }
    }
}
