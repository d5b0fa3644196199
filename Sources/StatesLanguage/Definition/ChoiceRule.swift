import Foundation

/// A top-level Choice rule: a condition and the state to go to when it holds.
struct ChoiceRule: Sendable {
    let condition: ChoiceCondition
    let next: Int
}

/// A Choice condition: a comparison on a variable, or `And`/`Or`/`Not` of conditions.
indirect enum ChoiceCondition: Sendable {
    case and([ChoiceCondition])
    case or([ChoiceCondition])
    case not(ChoiceCondition)
    case compare(variable: JSONPath, ChoiceOperator, ChoiceOperand)
}

/// The right-hand side of a comparison: a literal, or a path (for `…Path` operators).
enum ChoiceOperand: Sendable {
    case value(JSONValue)
    case path(JSONPath)
}

/// The comparison operators of Choice rules (without their `Path` suffix).
enum ChoiceOperator: String, Sendable, CaseIterable {
    case stringEquals = "StringEquals", stringLessThan = "StringLessThan", stringGreaterThan = "StringGreaterThan"
    case stringLessThanEquals = "StringLessThanEquals", stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringMatches = "StringMatches"
    case numericEquals = "NumericEquals", numericLessThan = "NumericLessThan", numericGreaterThan = "NumericGreaterThan"
    case numericLessThanEquals = "NumericLessThanEquals", numericGreaterThanEquals = "NumericGreaterThanEquals"
    case booleanEquals = "BooleanEquals"
    case timestampEquals = "TimestampEquals", timestampLessThan = "TimestampLessThan"
    case timestampGreaterThan = "TimestampGreaterThan", timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case isNull = "IsNull", isPresent = "IsPresent", isNumeric = "IsNumeric", isString = "IsString"
    case isBoolean = "IsBoolean", isTimestamp = "IsTimestamp"

    /// True for operators that also exist as `<name>Path`.
    var hasPathForm: Bool {
        switch self {
        case .stringMatches, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: return false
        default: return true
        }
    }

    /// The JSON type the literal operand must have.
    var operandType: String {
        switch self {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals,
             .stringMatches, .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
             .timestampGreaterThanEquals:
            return "string"
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            return "number"
        default:
            return "boolean"
        }
    }
}

extension ChoiceCondition {
    /// Evaluates the condition. Throws `StatesError` (`States.Runtime`) when the variable (other
    /// than for `IsPresent`) or a `…Path` operand selects nothing.
    func evaluate(in scope: EvaluationScope) throws -> Bool {
        switch self {
        case .and(let conditions):
            for condition in conditions where try !condition.evaluate(in: scope) { return false }
            return true
        case .or(let conditions):
            for condition in conditions where try condition.evaluate(in: scope) { return true }
            return false
        case .not(let condition):
            return try !condition.evaluate(in: scope)
        case .compare(let variable, let comparison, let operand):
            let value: JSONValue
            do {
                value = try scope.resolve(variable)
            } catch is JSONPathNotFound {
                if comparison == .isPresent, case .value(let expected) = operand { return expected == .bool(false) }
                throw StatesError(StatesErrorName.runtime, cause: "Invalid path '\(variable.text)': The choice state's condition path references an invalid value.")
            }
            let other: JSONValue
            switch operand {
            case .value(let literal): other = literal
            case .path(let path):
                do {
                    other = try scope.resolve(path)
                } catch is JSONPathNotFound {
                    throw StatesError(StatesErrorName.runtime, cause: "Invalid path '\(path.text)': The choice state's condition path references an invalid value.")
                }
            }
            return Self.compare(value, comparison, other)
        }
    }

    static func compare(_ value: JSONValue, _ comparison: ChoiceOperator, _ other: JSONValue) -> Bool {
        switch comparison {
        case .isNull: return value.isNull == (other == .bool(true))
        case .isPresent: return other == .bool(true)
        case .isNumeric: return value.isNumber == (other == .bool(true))
        case .isString: return (value.stringValue != nil) == (other == .bool(true))
        case .isBoolean: return (value.boolValue != nil) == (other == .bool(true))
        case .isTimestamp:
            let isTimestamp = value.stringValue.flatMap(Timestamp.parse) != nil
            return isTimestamp == (other == .bool(true))
        case .booleanEquals:
            guard case .bool(let a) = value, case .bool(let b) = other else { return false }
            return a == b
        case .stringMatches:
            guard case .string(let text) = value, case .string(let pattern) = other else { return false }
            return StringPattern.matches(text, pattern: pattern)
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals:
            guard case .string(let a) = value, case .string(let b) = other else { return false }
            return holds(comparison, order(a.utf16, b.utf16))
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            return numericOrder(value, other).map { holds(comparison, $0) } ?? false
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals, .timestampGreaterThanEquals:
            guard let a = value.stringValue.flatMap(Timestamp.parse), let b = other.stringValue.flatMap(Timestamp.parse) else {
                return false
            }
            return holds(comparison, a < b ? -1 : (a > b ? 1 : 0))
        }
    }

    static func numericOrder(_ a: JSONValue, _ b: JSONValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        default:
            guard a.isNumber, b.isNumber, let x = a.doubleValue, let y = b.doubleValue else { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    static func order(_ a: String.UTF16View, _ b: String.UTF16View) -> Int {
        if a.elementsEqual(b) { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }

    static func holds(_ comparison: ChoiceOperator, _ order: Int) -> Bool {
        switch comparison {
        case .stringEquals, .numericEquals, .timestampEquals: return order == 0
        case .stringLessThan, .numericLessThan, .timestampLessThan: return order < 0
        case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: return order > 0
        case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: return order <= 0
        case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: return order >= 0
        default: return false
        }
    }
}

/// `StringMatches` patterns: `*` matches any run of characters; `\*` is a literal star and
/// `\\` a literal backslash. No other character is special.
enum StringPattern {
    enum Token: Equatable {
        case literal(Character)
        case star
    }

    static func tokens(_ pattern: String) -> [Token] {
        var tokens: [Token] = []
        var characters = pattern[...]
        while let character = characters.popFirst() {
            if character == "\\", let escaped = characters.first, escaped == "*" || escaped == "\\" {
                tokens.append(.literal(escaped))
                characters = characters.dropFirst()
            } else if character == "*" {
                tokens.append(.star)
            } else {
                tokens.append(.literal(character))
            }
        }
        return tokens
    }

    static func matches(_ text: String, pattern: String) -> Bool {
        let tokens = tokens(pattern)
        let characters = Array(text)
        var t = 0, c = 0
        var starToken = -1, starCharacter = 0
        while c < characters.count {
            if t < tokens.count, case .literal(let expected) = tokens[t], expected == characters[c] {
                t += 1
                c += 1
            } else if t < tokens.count, tokens[t] == .star {
                starToken = t
                starCharacter = c
                t += 1
            } else if starToken >= 0 {
                t = starToken + 1
                starCharacter += 1
                c = starCharacter
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }
}
