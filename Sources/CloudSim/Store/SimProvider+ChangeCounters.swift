import Cloud

extension SimProvider {
    /// The change token of every resource (see `ChangeCounting`). Admitted as one ListFunctions
    /// call: it takes the place of the list calls, under the same outage, fault and rate rules.
    public func changeCounters() async throws -> ChangeCounters? {
        let scope = self.scope
        return try await call(SimOperation(.lambda, "ListFunctions"), in: scope) { context in
            try ChangeCounting.counters(context.db, scope: scope)
        }
    }
}
