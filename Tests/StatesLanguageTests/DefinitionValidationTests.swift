import StatesLanguage
import Testing

@Suite struct DefinitionValidationTests {
    func diagnostics(_ text: String) -> [DefinitionDiagnostic] {
        do {
            _ = try StateMachineDefinition(parsing: text)
            return []
        } catch let error as DefinitionError {
            return error.diagnostics
        } catch {
            return [DefinitionDiagnostic(code: "UNEXPECTED", message: "\(error)", location: "")]
        }
    }

    @Test func validDefinition_listsStatesAndTaskResources() throws {
        let definition = try StateMachineDefinition(parsing: #"""
        {"Comment": "c", "TimeoutSeconds": 30, "StartAt": "A", "States": {
          "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f:live", "Next": "B"},
          "B": {"Type": "Parallel", "Branches": [{"StartAt": "C", "States": {"C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "g", "Payload.$": "$"}, "End": true}}}], "End": true}}}
        """#)
        #expect(definition.stateNames == ["A", "B", "C"])
        #expect(definition.taskResources == ["arn:aws:lambda:us-east-1:123456789012:function:f:live", "arn:aws:states:::lambda:invoke"])
        #expect(definition.timeoutSeconds == 30)
        #expect(definition.comment == "c")
    }

    @Test func jsonSyntaxError_reportsLineAndColumn() {
        let found = diagnostics("{\n  \"StartAt\": \"A\",\n  \"States\": {\n}")
        #expect(found.first?.code == "INVALID_JSON_DESCRIPTION")
        #expect(found.first?.line == 4)
    }

    @Test(arguments: [
        ("{}", "SCHEMA_VALIDATION_FAILED", "/", "These fields are required: [States, StartAt]"),
        (#"{"StartAt": "X", "States": {"A": {"Type": "Pass", "End": true}}}"#, "MISSING_TRANSITION_TARGET", "/StartAt", "X"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#, "MISSING_TRANSITION_TARGET", "/States/A/Next", "Nowhere"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"#, "MISSING_TRANSITION_TARGET", "/States/A", "Next or End"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Loop", "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Type", "Unknown state type"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Reslt": 1}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Reslt", "not supported"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "B": {"Type": "Pass", "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/B", "not reachable"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}"#, "MISSING_END_STATE", "/", "no terminal state"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}], "End": true}}}"#, "DUPLICATE_STATE_NAME", "/States/A/Branches/0/States/A", "Duplicate"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "a.b", "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/InputPath", "must start with '$'"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$.a[*]", "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ResultPath", "single node"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.ArrayLength()"}, "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/x.$", "takes 1 argument"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "plain"}, "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/x.$", "valid JSONPath"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "not-an-arn", "End": true}}}"#, "INVALID_RESOURCE", "/States/A/Resource", "valid ARN"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload": {}}, "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters", "FunctionName"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}], "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0", "must be the last retrier"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}], "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/BackoffRate", "at least 1.0"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "TimeoutSeconds": 5, "HeartbeatSeconds": 10, "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/HeartbeatSeconds", "smaller than TimeoutSeconds"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": 1, "Next": "B"}]}, "B": {"Type": "Succeed"}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/StringEquals", "must be a string"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": "a", "NumericEquals": 1, "Next": "B"}]}, "B": {"Type": "Succeed"}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0", "exactly one comparison operator"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsNull": true, "Next": "B"}, "Next": "B"}]}, "B": {"Type": "Succeed"}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/Not/Next", "only allowed on top-level"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampEquals": "yesterday", "Next": "B"}]}, "B": {"Type": "Succeed"}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/TimestampEquals", "RFC 3339"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", "exactly one of Seconds"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Map", "End": true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", "ItemProcessor"),
        (#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#, "UNSUPPORTED_FEATURE", "/QueryLanguage", "JSONata"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", "cannot both be set"),
    ])
    func invalidDefinition_isRejectedWithCodeLocationAndReason(text: String, code: String, location: String, reason: String) {
        let found = diagnostics(text)
        let match = found.first { $0.code == code && $0.location == location && $0.message.contains(reason) }
        #expect(match != nil, "expected \(code) at \(location) containing '\(reason)', got \(found)")
    }

    @Test func error_describesEveryProblemLikeStepFunctions() {
        do {
            _ = try StateMachineDefinition(parsing: #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "Bogus": 1}}}"#)
            Issue.record("accepted an invalid definition")
        } catch let error as DefinitionError {
            #expect(error.diagnostics.count == 2)
            #expect(error.description.hasPrefix("Invalid State Machine Definition: '"))
            #expect(error.description.contains("MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
