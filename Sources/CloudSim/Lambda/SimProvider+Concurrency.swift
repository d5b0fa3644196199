import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// The unreserved concurrency Lambda always keeps free.
    static let minimumUnreserved = 100

    private static let functionsOnly = "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN."

    /// PutFunctionConcurrency; at least 100 executions stay unreserved in the region.
    public func putFunctionConcurrency(_ function: String, reservedConcurrentExecutions: Int) async throws -> Int {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: SimProvider.functionsOnly)
        guard reservedConcurrentExecutions >= 0 else {
            throw LambdaValidation.constraint(String(reservedConcurrentExecutions), "reservedConcurrentExecutions", "Member must have value greater than or equal to 0")
        }
        let scope = self.scope
        return try await call(SimOperation(.lambda, "PutFunctionConcurrency"), in: scope) { context in
            var record = try FunctionRecord.require(name.name, context)
            let others = try AccountConcurrency.reserved(in: scope, excluding: record.id, context.db)
            if try AccountConcurrency.quota(context.db) - others - reservedConcurrentExecutions < SimProvider.minimumUnreserved {
                throw CloudError(.invalidParameterValue,
                    "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [\(SimProvider.minimumUnreserved)].")
            }
            record.reservedConcurrency = reservedConcurrentExecutions
            try record.update(context.db, columns: ["reservedConcurrency"])
            return reservedConcurrentExecutions
        }
    }

    /// GetFunctionConcurrency; nil when none is reserved.
    public func getFunctionConcurrency(_ function: String) async throws -> Int? {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: SimProvider.functionsOnly)
        return try await call(SimOperation(.lambda, "GetFunctionConcurrency"), in: scope) { context in
            try FunctionRecord.require(name.name, context).reservedConcurrency
        }
    }

    /// DeleteFunctionConcurrency.
    public func deleteFunctionConcurrency(_ function: String) async throws {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: SimProvider.functionsOnly)
        try await call(SimOperation(.lambda, "DeleteFunctionConcurrency"), in: scope) { context in
            var record = try FunctionRecord.require(name.name, context)
            record.reservedConcurrency = nil
            try record.update(context.db, columns: ["reservedConcurrency"])
        }
    }
}
