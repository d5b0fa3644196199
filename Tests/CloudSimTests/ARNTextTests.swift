import Cloud
import Testing

/// ARNs written into one string of their final size read as the ARN parser and the resource
/// constructors expect, for every partition, with and without a qualifier or a region.
struct ARNTextTests {
    @Test(arguments: [("us-east-1", "aws"), ("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")])
    func text_matchesTheARNItsPartsMake(region: String, partition: String) throws {
        let scope = try CloudScope(account: "123456789012", region: region)
        let function = ARN.text(partition: partition, service: "lambda", region: region, account: "123456789012",
                                resource: "function:", name: "a-function-with-a-long-name", qualifier: "live")
        #expect(function == "arn:\(partition):lambda:\(region):123456789012:function:a-function-with-a-long-name:live")
        #expect(function == ARN.lambdaFunction("a-function-with-a-long-name", qualifier: "live", in: scope).description)
        let role = ARN.text(partition: partition, service: "iam", region: "", account: "123456789012", resource: "role/", name: "exec")
        #expect(role == "arn:\(partition):iam::123456789012:role/exec")
        let parsed = try #require(ARN(role))
        #expect(parsed.description == role && parsed.resource == "role/exec" && parsed.region.isEmpty)
        #expect(ARN.text(partition: partition, service: "states", region: region, account: "1", resource: "stateMachine:naïve")
                == "arn:\(partition):states:\(region):1:stateMachine:naïve")
    }
}
