import DesiredState

/// Broken ASL definitions: one case per static rule.
enum ASLCorpus {
    static let base = RepositoryContent()
    static let file = "flows/hello.asl.json"

    /// A definition whose `States` object is `states` (the object's lines start at line 4).
    static func definition(_ states: String, startAt: String = "Greet", extra: String = "") -> RepositoryContent {
        base.with(file, """
            {
              "StartAt": "\(startAt)",\(extra)
              "States": {
            \(states)
              }
            }

            """)
    }

    static let greet = #"    "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "${Hello}"}, "#

    static let cases: [CorpusCase] = [
        CorpusCase("StartAt naming no state", definition(#"    "Done": {"Type": "Succeed"}"#, startAt: "Begin"),
                   ExpectedDiagnostic("asl.unknown-start", file, line: 2, column: 14, message: "StartAt names 'Begin', which is not a state here")),
        CorpusCase("Next naming no state", definition(greet + #""Next": "Dne"},"# + "\n" + #"    "Done": {"Type": "Succeed"}"#),
                   ExpectedDiagnostic("asl.unknown-target", file, line: 4, message: "'Dne' is not a state here", hint: "did you mean 'Done'?")),
        CorpusCase("unreachable state", definition(greet + #""End": true},"# + "\n" + #"    "Orphan": {"Type": "Succeed"}"#),
                   ExpectedDiagnostic("asl.unreachable-state", file, line: 5, column: 5, message: "state 'Orphan' cannot be reached from StartAt 'Greet'")),
        CorpusCase("no reachable terminal state",
                   definition(greet + #""Next": "Again"},"# + "\n" + #"    "Again": {"Type": "Pass", "Next": "Greet"}"#),
                   ExpectedDiagnostic("asl.no-terminal", file, line: 2, column: 14, message: "no state reachable from 'Greet' ends the execution")),
        CorpusCase("Wait with two time fields",
                   definition(greet + #""Next": "Pause"},"# + "\n" + #"    "Pause": {"Type": "Wait", "Seconds": 5, "SecondsPath": "$.delay", "End": true}"#),
                   ExpectedDiagnostic("asl.wait-fields", file, line: 5, column: 14, message: "exactly one of Seconds, SecondsPath, Timestamp, TimestampPath, but has Seconds, SecondsPath")),
        CorpusCase("Wait with no time field",
                   definition(greet + #""Next": "Pause"},"# + "\n" + #"    "Pause": {"Type": "Wait", "End": true}"#),
                   ExpectedDiagnostic("asl.wait-fields", file, line: 5, column: 14, message: "a Wait state needs one of Seconds")),
        CorpusCase("Succeed with Next",
                   definition(greet + #""Next": "Done"},"# + "\n" + #"    "Done": {"Type": "Succeed", "Next": "Greet"}"#),
                   ExpectedDiagnostic("asl.terminal-next", file, line: 5, column: 41, message: "a Succeed state ends the execution; it cannot have Next")),
        CorpusCase("Fail with End", definition(greet + #""Next": "Stop"},"# + "\n" + #"    "Stop": {"Type": "Fail", "Error": "Broken", "End": true}"#),
                   ExpectedDiagnostic("asl.terminal-next", file, line: 5, column: 56, message: "a Fail state ends the execution; it cannot have End")),
        CorpusCase("Task with neither Next nor End", definition(greet + #""Comment": "forgot"},"# + "\n" + #"    "Done": {"Type": "Succeed"}"#),
                   ExpectedDiagnostic("asl.no-next", file, line: 4, column: 14, message: "the state has neither Next nor End: true")),
        CorpusCase("Task with both Next and End", definition(greet + #""Next": "Done", "End": true},"# + "\n" + #"    "Done": {"Type": "Succeed"}"#),
                   ExpectedDiagnostic("asl.next-and-end", file, line: 4, message: "either Next or End: true, not both")),
        CorpusCase("unknown state type", definition(#"    "Greet": {"Type": "Taks", "End": true}"#),
                   ExpectedDiagnostic("asl.state-type", file, line: 4, column: 23, message: "unknown state type 'Taks'", hint: "did you mean 'Task'?")),
        CorpusCase("unknown state field", definition(greet + #""Retyr": [], "End": true}"#),
                   ExpectedDiagnostic("schema.unknown-field", file, line: 4, message: "unknown field 'Retyr'", hint: "did you mean 'Retry'?")),
        CorpusCase("choice rule without Next", definition(choice(#"{"Variable": "$.kind", "StringEquals": "batch"}"#)),
                   ExpectedDiagnostic("asl.choice-rule", file, line: 5, message: "a top-level choice rule needs Next")),
        CorpusCase("choice rule with two comparisons", definition(choice(#"{"Variable": "$.n", "NumericEquals": 1, "NumericLessThan": 5, "Next": "Done"}"#)),
                   ExpectedDiagnostic("asl.choice-rule", file, line: 5, message: "several operators (NumericEquals, NumericLessThan); use And")),
        CorpusCase("choice comparison with the wrong type", definition(choice(#"{"Variable": "$.n", "NumericEquals": "one", "Next": "Done"}"#)),
                   ExpectedDiagnostic("schema.type", file, line: 5, message: "NumericEquals must be a number, but found")),
        CorpusCase("nested choice rule with Next",
                   definition(choice(#"{"Not": {"Variable": "$.n", "IsNull": true, "Next": "Done"}, "Next": "Done"}"#)),
                   ExpectedDiagnostic("asl.choice-rule", file, line: 5, message: "only top-level choice rules have Next")),
        CorpusCase("States.ALL retrier not last", definition(greet + #""Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["Lambda.ServiceException"]}], "End": true}"#),
                   ExpectedDiagnostic("asl.states-all", file, line: 4, message: "the retrier with States.ALL must be the last one")),
        CorpusCase("States.ALL not alone", definition(greet + #""Catch": [{"ErrorEquals": ["States.ALL", "States.Timeout"], "Next": "Done"}], "End": true},"# + "\n" + #"    "Done": {"Type": "Succeed"}"#),
                   ExpectedDiagnostic("asl.states-all", file, line: 4, message: "States.ALL must be alone in its ErrorEquals")),
        CorpusCase("misspelt built-in error", definition(greet + #""Retry": [{"ErrorEquals": ["States.Timout"]}], "End": true}"#),
                   ExpectedDiagnostic("asl.error-name", file, line: 4, message: "'States.Timout' is not a Step Functions error name", hint: "did you mean 'States.Timeout'?")),
        CorpusCase("catcher naming no state", definition(greet + #""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "End": true}"#),
                   ExpectedDiagnostic("asl.unknown-target", file, line: 4, message: "'Recover' is not a state here")),
        CorpusCase("Parallel branch with an unknown target", definition(parallel),
                   ExpectedDiagnostic("asl.unknown-target", file, line: 6, message: "'Gone' is not a state here")),
        CorpusCase("Map item processor with an unreachable state", definition(map),
                   ExpectedDiagnostic("asl.unreachable-state", file, line: 7, column: 9, message: "state 'Spare' cannot be reached from StartAt 'Each'")),
        CorpusCase("invalid JSONPath in InputPath", definition(greet + #""InputPath": "$.items[", "End": true}"#),
                   ExpectedDiagnostic("asl.jsonpath", file, line: 4, message: "Invalid JSONPath '$.items['")),
        CorpusCase("ResultPath that is not a reference path", definition(greet + #""ResultPath": "$.items[*]", "End": true}"#),
                   ExpectedDiagnostic("asl.jsonpath", file, line: 4, message: "Invalid JSONPath '$.items[*]'")),
        CorpusCase("invalid JSONPath in SecondsPath", definition(#"    "Greet": {"Type": "Wait", "SecondsPath": "$.delay[", "End": true}"#),
                   ExpectedDiagnostic("asl.jsonpath", file, line: 4, message: "Invalid JSONPath '$.delay['")),
        CorpusCase("Fail state's ErrorPath without a path", definition(#"    "Greet": {"Type": "Fail", "ErrorPath": "oops"}"#),
                   ExpectedDiagnostic("asl.jsonpath", file, line: 4, message: "Invalid JSONPath 'oops'", hint: "takes a path or an intrinsic function")),
        CorpusCase("ResultSelector that is not an object", definition(greet + #""ResultSelector": "all", "End": true}"#),
                   ExpectedDiagnostic("schema.type", file, line: 4, message: "ResultSelector must be an object")),
        CorpusCase("path field without a path", definition(#"    "Greet": {"Type": "Pass", "Parameters": {"id.$": "id"}, "End": true}"#),
                   ExpectedDiagnostic("asl.jsonpath", file, line: 4, message: "Invalid JSONPath 'id'", hint: "takes a path or an intrinsic function")),
        CorpusCase("unknown intrinsic function", definition(#"    "Greet": {"Type": "Pass", "Parameters": {"id.$": "States.Formatt('{}', $.id)"}, "End": true}"#),
                   ExpectedDiagnostic("asl.intrinsic", file, line: 4, message: "Invalid intrinsic function 'States.Formatt('{}', $.id)'")),
        CorpusCase("Task invoking a function that is not in the desired state",
                   base.replacing(file, "\"${Hello}\"", with: "\"arn:aws:lambda:us-east-1:000000000000:function:stranger\""),
                   ExpectedDiagnostic("asl.unknown-function", file, line: 7, message: "state 'Greet' invokes function 'stranger', which is not in the desired state")),
        CorpusCase("placeholder without a substitution", base.replacing(file, "${Hello}", with: "${Helo}"),
                   ExpectedDiagnostic("asl.unknown-substitution", file, line: 7, message: "the definition uses ${Helo}, but StateMachine/hello-flow has no substitution 'Helo'",
                                      hint: "did you mean ${Hello}?")),
        CorpusCase("EXPRESS state machine waiting for a callback",
                   base.replacing("manifests/flow.yaml", "  alias: live", with: "  alias: live\n  type: EXPRESS")
                       .replacing(file, "arn:aws:states:::lambda:invoke\"", with: "arn:aws:states:::lambda:invoke.waitForTaskToken\""),
                   ExpectedDiagnostic("asl.express-integration", file, line: 6, message: "an EXPRESS state machine cannot use")),
    ]

    static func choice(_ rule: String) -> String {
        """
            "Greet": {"Type": "Choice", "Default": "Done",
              "Choices": [\(rule)]},
            "Done": {"Type": "Succeed"}
        """
    }

    static let parallel = """
            "Greet": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "One", "States": {
                "One": {"Type": "Pass", "Next": "Gone"}}}]}
        """

    static let map = """
            "Greet": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "End": true, "ItemProcessor": {
              "StartAt": "Each", "States": {
                "Each": {"Type": "Pass", "End": true},
                "Spare": {"Type": "Pass", "End": true}}}}
        """
}
