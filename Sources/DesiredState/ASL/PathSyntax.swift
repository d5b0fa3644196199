import StatesLanguage

/// Syntax checks of ASL paths and intrinsic functions, with the parsers the interpreter uses, so
/// that what validates also runs.
enum PathSyntax {
    /// nil when `text` is a valid path (`$…` or `$$…`), else what is wrong.
    static func pathProblem(_ text: String) -> String? {
        do {
            _ = try JSONPath(text)
            return nil
        } catch let error as JSONPathSyntaxError {
            return error.description
        } catch {
            return "invalid path '\(text)': \(error)"
        }
    }

    /// nil when `text` is a valid reference path (for `ResultPath`), else what is wrong.
    static func referencePathProblem(_ text: String) -> String? {
        do {
            _ = try ReferencePath(text)
            return nil
        } catch let error as JSONPathSyntaxError {
            return error.description
        } catch {
            return "invalid reference path '\(text)': \(error)"
        }
    }

    /// nil when `text` is a valid intrinsic function call, else what is wrong.
    static func intrinsicProblem(_ text: String) -> String? {
        do {
            _ = try IntrinsicCall(text)
            return nil
        } catch let error as IntrinsicSyntaxError {
            return error.description
        } catch {
            return "invalid intrinsic function '\(text)': \(error)"
        }
    }

    /// A path or an intrinsic function call, as a `.$` field takes.
    static func dynamicValueProblem(_ text: String) -> String? {
        IntrinsicCall.looksLikeCall(text) ? intrinsicProblem(text) : pathProblem(text)
    }
}
