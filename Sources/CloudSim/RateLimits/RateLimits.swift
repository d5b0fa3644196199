import Cloud
import GRDB

/// AWS's API rate limits as token buckets per account and region, in simulated time.
///
/// Sources (see AWS-SEMANTICS §1.3, §2.9): Lambda GetFunction 100/s; GetPolicy 15/s; the
/// remaining Lambda control plane 15/s in aggregate; invocations 10 × the 1,000 concurrency
/// quota per second. Step Functions: Create/Update/DeleteStateMachine bucket 100 refilled
/// 1/s; DescribeStateMachine 200 / 20; Tag/UntagResource 200 / 1; StartExecution 1,300 / 300
/// in us-east-1, us-west-2 and eu-west-1, 800 / 150 elsewhere. Operations without a published
/// quota (IAM, Step Functions versions and aliases, CloudWatch) are not limited.
enum RateLimits {
    /// One bucket: its name, size and refill rate per second.
    struct Bucket: Equatable {
        var name: String
        var capacity: Double
        var refillPerSecond: Double
    }

    static let largeStepFunctionsRegions: Set<String> = ["us-east-1", "us-west-2", "eu-west-1"]

    /// The bucket `operation` draws from in `region`, or nil when it is not limited.
    static func bucket(for operation: SimOperation, region: String) -> Bucket? {
        switch operation.service {
        case .lambda:
            switch operation.name {
            case "GetFunction": return Bucket(name: "lambda:GetFunction", capacity: 100, refillPerSecond: 100)
            case "GetPolicy": return Bucket(name: "lambda:GetPolicy", capacity: 15, refillPerSecond: 15)
            case "Invoke": return Bucket(name: "lambda:Invoke", capacity: 10_000, refillPerSecond: 10_000)
            default: return Bucket(name: "lambda:ControlPlane", capacity: 15, refillPerSecond: 15)
            }
        case .states:
            switch operation.name {
            case "CreateStateMachine", "UpdateStateMachine", "DeleteStateMachine":
                return Bucket(name: "states:StateMachineWrite", capacity: 100, refillPerSecond: 1)
            case "DescribeStateMachine": return Bucket(name: "states:DescribeStateMachine", capacity: 200, refillPerSecond: 20)
            case "TagResource", "UntagResource": return Bucket(name: "states:Tagging", capacity: 200, refillPerSecond: 1)
            case "StartExecution":
                return largeStepFunctionsRegions.contains(region)
                    ? Bucket(name: "states:StartExecution", capacity: 1300, refillPerSecond: 300)
                    : Bucket(name: "states:StartExecution", capacity: 800, refillPerSecond: 150)
            default: return nil
            }
        case .iam, .cloudwatch:
            return nil
        }
    }

    /// Takes a token for `operation`; answers the throttling error when the bucket is empty.
    static func take(_ operation: SimOperation, _ context: CallContext) throws -> CloudError? {
        guard let bucket = bucket(for: operation, region: context.scope.region) else { return nil }
        var record = try RateBucketRecord.cachedOne(context.db, "SELECT * FROM rateBucket WHERE account = ? AND region = ? AND name = ?",
                                                    [context.scope.account, context.scope.region, bucket.name])
            ?? RateBucketRecord(account: context.scope.account, region: context.scope.region, name: bucket.name,
                                tokens: bucket.capacity, updatedAt: context.now)
        let elapsed = max(0, context.now - record.updatedAt)
        record.tokens = min(bucket.capacity, record.tokens + elapsed * bucket.refillPerSecond)
        record.updatedAt = max(record.updatedAt, context.now)
        let refused = record.tokens < 1
        if !refused { record.tokens -= 1 }
        try context.db.executeCached("INSERT OR REPLACE INTO rateBucket (account, region, name, tokens, updatedAt) VALUES (?, ?, ?, ?, ?)",
                                     [record.account, record.region, record.name, record.tokens, record.updatedAt])
        return refused ? throttlingError(operation.service) : nil
    }

    /// The throttling error each service answers.
    static func throttlingError(_ service: SimService) -> CloudError {
        switch service {
        case .lambda: return CloudError(.tooManyRequests, "Rate exceeded", reason: "CallerRateLimitExceeded")
        case .states: return CloudError(.throttling, "Rate exceeded")
        case .iam: return CloudError(.iamThrottling, "Rate exceeded")
        case .cloudwatch: return CloudError("Throttling", "Rate exceeded", retryable: true)
        }
    }
}
