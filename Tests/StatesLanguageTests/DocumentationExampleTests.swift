import StatesLanguage
import Testing

/// The worked input/output examples of the Step Functions developer guide ("InputPath and
/// Parameters", "ResultPath", "InputPath, ResultPath and OutputPath Example", "Paths",
/// "The Context Object", "Map state"), run through the interpreter.
@Suite struct DocumentationExampleTests {
    static let hello = FunctionTable(["HelloFunction": { invocation in
        .string("Hello, \(invocation.payload["who"]?.stringValue ?? "nobody")!")
    }])

    func helloTask(_ fields: String) -> String {
        #"{"StartAt": "HelloWorld", "States": {"HelloWorld": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction", "#
            + fields + #" "End": true}}}"#
    }

    @Test func inputPathResultPathOutputPath_keepOnlyDataWithLambdaResult() async throws {
        let run = try await execute(
            helloTask(#""InputPath": "$.lambda", "ResultPath": "$.data.lambdaresult", "OutputPath": "$.data","#),
            input: try json(#"{"comment": "An input comment.", "data": {"val1": 23, "val2": 17}, "extra": "foo", "lambda": {"who": "AWS Step Functions"}}"#),
            invoker: Self.hello)
        #expect(run.result.output == (try json(#"{"val1": 23, "val2": 17, "lambdaresult": "Hello, AWS Step Functions!"}"#)))
        let scheduled = run.history.first { $0.type == .lambdaFunctionScheduled }
        #expect(scheduled?.details.input == (try json(#"{"who": "AWS Step Functions"}"#)))
    }

    @Test func inputPath_selectsDataset() async throws {
        let run = try await execute(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.dataset2", "End": true}}}"#,
            input: try json(#"{"comment": "Example for InputPath.", "dataset1": {"val1": 1, "val2": 2, "val3": 3}, "dataset2": {"val1": "a", "val2": "b", "val3": "c"}}"#))
        #expect(run.result.output == (try json(#"{"val1": "a", "val2": "b", "val3": "c"}"#)))
    }

    @Test func parameters_selectWhatICareAbout() async throws {
        let run = try await execute(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"comment": "Selecting what I care about.", "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability", "StaticValue": "foo"}}, "End": true}}}"#,
            input: try json(#"{"comment": "Example for Parameters.", "product": {"details": {"color": "blue", "size": "small", "material": "cotton"}, "availability": "in stock", "sku": "2317", "cost": "$23"}}"#))
        #expect(run.result.output == (try json(#"{"comment": "Selecting what I care about.", "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"#)))
    }

    static let testInput = #"{"comment": "This is a test of the input and output of a Task state.", "details": "Default example", "who": "AWS Step Functions"}"#

    @Test(arguments: [
        ("", #""Hello, AWS Step Functions!""#),
        (#""ResultPath": "$","#, #""Hello, AWS Step Functions!""#),
        (#""ResultPath": null,"#, testInput),
        (#""ResultPath": "$.taskresult","#, #"{"comment": "This is a test of the input and output of a Task state.", "details": "Default example", "who": "AWS Step Functions", "taskresult": "Hello, AWS Step Functions!"}"#),
        (#""ResultPath": "$.comment","#, #"{"comment": "Hello, AWS Step Functions!", "details": "Default example", "who": "AWS Step Functions"}"#),
    ])
    func resultPath_examples(fields: String, expected: String) async throws {
        let run = try await execute(helloTask(fields), input: try json(Self.testInput), invoker: Self.hello)
        #expect(run.result.output == (try json(expected)))
    }

    @Test func resultPath_insertsIntoChildNode() async throws {
        let run = try await execute(
            helloTask(#""ResultPath": "$.strings.lambdaresult","#),
            input: try json(#"{"comment": "An input comment.", "strings": {"string1": "foo", "string2": "bar", "string3": "baz"}, "who": "AWS Step Functions"}"#),
            invoker: Self.hello)
        #expect(run.result.output == (try json(#"{"comment": "An input comment.", "strings": {"string1": "foo", "string2": "bar", "string3": "baz", "lambdaresult": "Hello, AWS Step Functions!"}, "who": "AWS Step Functions"}"#)))
    }

    @Test func catchResultPath_keepsInputWithError() async throws {
        let failing = FunctionTable(["HelloFunction": { _ in throw TaskFailure(error: "Error here") }])
        let run = try await execute(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "NextTask", "ResultPath": "$.error"}], "End": true}, "NextTask": {"Type": "Pass", "End": true}}}"#,
            input: try json(#"{"foo": "bar"}"#), invoker: failing)
        #expect(run.result.output == (try json(#"{"foo": "bar", "error": {"Error": "Error here", "Cause": ""}}"#)))
    }

    static let adder = FunctionTable(["Add": { invocation in
        .int((invocation.payload["val1"]?.integerValue ?? 0) + (invocation.payload["val2"]?.integerValue ?? 0))
    }])

    @Test(arguments: [("$", #"{"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}, "sum": 7}"#), ("$.sum", "7")])
    func numbersToAdd_outputPath(outputPath: String, expected: String) async throws {
        let run = try await execute(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Add", "InputPath": "$.numbers", "ResultPath": "$.sum", "OutputPath": ""# + outputPath + #"", "End": true}}}"#,
            input: try json(#"{"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}}"#), invoker: Self.adder)
        #expect(run.result.output == (try json(expected)))
    }

    @Test func paths_sliceSelectsValues() async throws {
        let run = try await execute(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.a[0:2]", "End": true}}}"#, input: try json(#"{"a": [1, 2, 3, 4]}"#))
        #expect(run.result.output == [1, 2])
    }

    @Test func referencePaths_selectSingleNodes() throws {
        let data = try json(#"{"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}}"#)
        #expect(try ReferencePath("$.foo").path.evaluate(in: data) == 123)
        #expect(try ReferencePath("$.bar").path.evaluate(in: data) == ["a", "b", "c"])
        #expect(try ReferencePath("$.car.cdr").path.evaluate(in: data) == true)
    }

    @Test func contextObject_mapItemIndexAndValue() async throws {
        let run = try await execute(
            #"{"StartAt": "ExampleMapState", "States": {"ExampleMapState": {"Type": "Map", "Parameters": {"ContextIndex.$": "$$.Map.Item.Index", "ContextValue.$": "$$.Map.Item.Value"}, "Iterator": {"StartAt": "TestPass", "States": {"TestPass": {"Type": "Pass", "End": true}}}, "End": true}}}"#,
            input: try json(#"[{"who": "bob"}, {"who": "meg"}, {"who": "joe"}]"#))
        #expect(run.result.output == (try json(#"[{"ContextValue": {"who": "bob"}, "ContextIndex": 0}, {"ContextValue": {"who": "meg"}, "ContextIndex": 1}, {"ContextValue": {"who": "joe"}, "ContextIndex": 2}]"#)))
    }

    @Test func contextObject_executionIdInParameters() async throws {
        let run = try await execute(
            #"{"StartAt": "Order", "States": {"Order": {"Type": "Pass", "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/flight-purchase", "MessageBody": {"From": "YVR", "To": "SEA", "Execution.$": "$$.Execution.Id"}}, "End": true}}}"#,
            name: "executionName")
        #expect(run.result.output?["MessageBody"]?["Execution"] == "arn:aws:states:us-east-1:123456789012:execution:machine:executionName")
    }

    @Test func mapWithParameters_passesParcelAndCourierAndReplacesShipped() async throws {
        let validator = FunctionTable(["ship-val": { invocation in
            ["validated": invocation.payload["parcel"]?["prod"] ?? .null, "courier": invocation.payload["courier"] ?? .null]
        }])
        let definition = #"{"StartAt": "Validate-All", "States": {"Validate-All": {"Type": "Map", "InputPath": "$.detail", "ItemsPath": "$.shipped", "MaxConcurrency": 0, "ResultPath": "$.detail.shipped", "Parameters": {"parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner"}, "Iterator": {"StartAt": "Validate", "States": {"Validate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship-val", "End": true}}}, "End": true}}}"#
        let input = try json(#"{"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS", "shipped": [{"prod": "R31", "dest-code": 9511, "quantity": 1344}, {"prod": "S39", "dest-code": 9511, "quantity": 40}]}}"#)
        let run = try await execute(definition, input: input, invoker: validator)
        #expect(run.result.output == (try json(#"{"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS", "shipped": [{"validated": "R31", "courier": "UQS"}, {"validated": "S39", "courier": "UQS"}]}}"#)))
        let firstPayload = run.history.first { $0.type == .lambdaFunctionScheduled }?.details.input
        #expect([try json(#"{"parcel": {"prod": "R31", "dest-code": 9511, "quantity": 1344}, "courier": "UQS"}"#),
                 try json(#"{"parcel": {"prod": "S39", "dest-code": 9511, "quantity": 40}, "courier": "UQS"}"#)].contains(firstPayload ?? .null))
    }
}
