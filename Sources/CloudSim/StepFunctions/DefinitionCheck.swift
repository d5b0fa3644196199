import Cloud
import StatesLanguage

/// Checks Amazon States Language definitions with the static checker, as Step Functions does
/// on create, update and ValidateStateMachineDefinition.
enum DefinitionCheck {
    /// Step Functions' definition size limit in characters.
    static let maximumLength = 1_048_576
    /// Findings the interpreter reports for valid definitions it cannot run: warnings here.
    static let warningCodes: Set<String> = ["UNSUPPORTED_FEATURE"]

    /// All findings for `definition` of `type`, errors and warnings.
    static func diagnostics(_ definition: String, type: StateMachineType) -> [DefinitionValidationResult.Diagnostic] {
        if definition.isEmpty {
            return [.init(severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Definition must be a valid JSON object", location: "/")]
        }
        var found: [DefinitionValidationResult.Diagnostic] = []
        do {
            let parsed = try StateMachineDefinition(parsing: definition)
            if type == .express { found += expressFindings(parsed.json, at: "") }
        } catch let error as DefinitionError {
            found = error.diagnostics.map { diagnostic in
                .init(severity: warningCodes.contains(diagnostic.code) ? "WARNING" : "ERROR",
                      code: diagnostic.code, message: diagnostic.message, location: diagnostic.location)
            }
            if type == .express, let json = try? JSONValue(parsing: definition) { found += expressFindings(json, at: "") }
        } catch {
            found = [.init(severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "\(error)", location: "/")]
        }
        return found
    }

    /// Throws `InvalidDefinition` (or a length `ValidationException`) when create/update would fail.
    static func require(_ definition: String, type: StateMachineType) throws {
        if definition.count > maximumLength {
            throw CloudError(.validation, "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to \(maximumLength)")
        }
        let errors = diagnostics(definition, type: type).filter { $0.severity == "ERROR" }
        if !errors.isEmpty {
            let listed = errors.map { "\($0.code): \($0.message) at \($0.location ?? "/")" }.joined(separator: ", ")
            throw CloudError(.invalidDefinition, "Invalid State Machine Definition: '\(listed)'")
        }
    }

    /// EXPRESS machines cannot wait for task tokens, run `.sync` integrations or use activities.
    private static func expressFindings(_ graph: JSONValue, at location: String) -> [DefinitionValidationResult.Diagnostic] {
        guard case .object(let states)? = graph["States"] else { return [] }
        var found: [DefinitionValidationResult.Diagnostic] = []
        for (key, state) in states {
            let here = "\(location)/States/\(key)"
            if let resource = state["Resource"]?.stringValue {
                let unsupported: String? = resource.hasSuffix(".sync") || resource.contains(".sync:") ? "'.sync' service integration"
                    : resource.hasSuffix(".waitForTaskToken") ? "'.waitForTaskToken' service integration"
                    : resource.contains(":activity:") ? "activities" : nil
                if let unsupported {
                    found.append(.init(severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED",
                                       message: "Express state machine does not support \(unsupported)", location: "\(here)/Resource"))
                }
            }
            for (index, branch) in (state["Branches"]?.arrayValue ?? []).enumerated() {
                found += expressFindings(branch, at: "\(here)/Branches[\(index)]")
            }
            for key in ["ItemProcessor", "Iterator"] {
                if let processor = state[key] { found += expressFindings(processor, at: "\(here)/\(key)") }
            }
        }
        return found
    }
}
