import Foundation
import StatesLanguage

/// An identity-based policy document to evaluate, named for reporting (e.g. the inline policy
/// name or the managed policy ARN).
public struct NamedPolicyDocument: Sendable, Equatable {
    /// Name shown in decisions.
    public var name: String
    /// The policy JSON (`{"Version": …, "Statement": …}`).
    public var document: JSONValue

    /// A named policy document.
    public init(name: String, document: JSONValue) {
        self.name = name
        self.document = document
    }
}

/// The statement that decided an evaluation.
public struct PolicyStatementReference: Sendable, Equatable, CustomStringConvertible {
    /// The policy's name.
    public var policyName: String
    /// 0-based position of the statement in the policy.
    public var statementIndex: Int
    /// The statement's `Sid`, if any.
    public var sid: String?

    /// A reference to statement `statementIndex` of policy `policyName`.
    public init(policyName: String, statementIndex: Int, sid: String? = nil) {
        self.policyName = policyName
        self.statementIndex = statementIndex
        self.sid = sid
    }

    /// "policy <name>, statement <sid or index>".
    public var description: String { "policy \(policyName), statement \(sid ?? String(statementIndex))" }
}

/// The outcome of evaluating identity-based policies for one request (single account, no
/// resource-based policies, boundaries or SCPs).
public enum PolicyDecision: Sendable, Equatable {
    /// An Allow statement applies and no Deny does.
    case allowed(by: PolicyStatementReference)
    /// A Deny statement applies (it wins over any Allow).
    case explicitlyDenied(by: PolicyStatementReference)
    /// No statement allows the request.
    case implicitlyDenied

    /// True for `.allowed`.
    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }

    /// AWS's AccessDenied wording for a denied request ("User: … is not authorized to perform: …"),
    /// or nil when allowed.
    public func denialMessage(principal: String, action: String, resource: String) -> String? {
        let base = "User: \(principal) is not authorized to perform: \(action) on resource: \(resource)"
        switch self {
        case .allowed: return nil
        case .explicitlyDenied: return base + " with an explicit deny in an identity-based policy"
        case .implicitlyDenied: return base + " because no identity-based policy allows the \(action) action"
        }
    }
}

/// A policy document that cannot be evaluated because it is malformed.
public struct PolicyDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The policy's name.
    public var policyName: String
    /// Where in the document (`Statement[2].Effect`).
    public var location: String
    /// What is wrong.
    public var message: String

    /// "policy <name>, <location>: <message>".
    public var description: String { "policy \(policyName), \(location): \(message)" }
}

/// IAM policy evaluation: an explicit Deny wins over an Allow, which wins over the implicit deny.
///
/// `Action`/`NotAction` patterns match case-insensitively and `Resource`/`NotResource` patterns
/// case-sensitively; both accept `*` (any run of characters, colons included) and `?` (one
/// character). Policy variables (`${aws:username}`) are not substituted. Conditions are evaluated
/// against `context` (keys case-insensitive) for the String, Arn, Numeric, Bool and Null operator
/// families with `IfExists` and `ForAnyValue:`/`ForAllValues:`; a condition this evaluator cannot
/// judge (another operator, a malformed block) is treated conservatively: it keeps an Allow
/// statement from applying and lets a Deny statement apply.
public enum PolicyEvaluator {
    /// Decides whether `action` on `resource` is allowed by `policies`. Throws `PolicyDocumentError`.
    public static func evaluate(
        action: String, resource: String, policies: [NamedPolicyDocument], context: [String: [String]] = [:]
    ) throws -> PolicyDecision {
        let normalizedContext = Dictionary(context.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $0 + $1 })
        var firstAllow: PolicyStatementReference?
        for policy in policies {
            for (index, statement) in try statements(of: policy).enumerated() {
                let location = "Statement[\(index)]"
                guard case .object(let body) = statement else {
                    throw PolicyDocumentError(policyName: policy.name, location: location, message: "a statement must be a JSON object")
                }
                let reference = PolicyStatementReference(policyName: policy.name, statementIndex: index, sid: body["Sid"]?.stringValue)
                let effect = body["Effect"]?.stringValue
                guard effect == "Allow" || effect == "Deny" else {
                    throw PolicyDocumentError(policyName: policy.name, location: "\(location).Effect", message: "Effect must be \"Allow\" or \"Deny\"")
                }
                let matchesAction = try matches(body, "Action", "NotAction", value: action, caseSensitive: false, policy: policy.name, location: location)
                let matchesResource = try matches(body, "Resource", "NotResource", value: resource, caseSensitive: true, policy: policy.name, location: location)
                guard matchesAction, matchesResource else { continue }
                let condition = PolicyConditions.evaluate(body["Condition"], context: normalizedContext)
                if effect == "Deny" {
                    if condition != .notSatisfied { return .explicitlyDenied(by: reference) }
                } else if condition == .satisfied, firstAllow == nil {
                    firstAllow = reference
                }
            }
        }
        if let firstAllow { return .allowed(by: firstAllow) }
        return .implicitlyDenied
    }

    static func statements(of policy: NamedPolicyDocument) throws -> [JSONValue] {
        guard case .object(let document) = policy.document else {
            throw PolicyDocumentError(policyName: policy.name, location: "document", message: "a policy must be a JSON object")
        }
        switch document["Statement"] {
        case .array(let list)?: return list
        case .object(let single)?: return [.object(single)]
        default: throw PolicyDocumentError(policyName: policy.name, location: "Statement", message: "Statement must be an object or an array of objects")
        }
    }

    /// Whether the element (or its `Not` form) matches `value`.
    static func matches(
        _ body: JSONObject, _ key: String, _ notKey: String, value: String, caseSensitive: Bool, policy: String, location: String
    ) throws -> Bool {
        switch (body[key], body[notKey]) {
        case (let list?, nil):
            return try patterns(list, policy: policy, location: "\(location).\(key)").contains { glob($0, value, caseSensitive: caseSensitive) }
        case (nil, let list?):
            return try !patterns(list, policy: policy, location: "\(location).\(notKey)").contains { glob($0, value, caseSensitive: caseSensitive) }
        case (.some, .some):
            throw PolicyDocumentError(policyName: policy, location: location, message: "\(key) and \(notKey) cannot both be set")
        case (nil, nil):
            throw PolicyDocumentError(policyName: policy, location: location, message: "a statement needs \(key) or \(notKey)")
        }
    }

    static func patterns(_ value: JSONValue, policy: String, location: String) throws -> [String] {
        switch value {
        case .string(let single): return [single]
        case .array(let list):
            let strings = list.compactMap(\.stringValue)
            if strings.count == list.count { return strings }
        default: break
        }
        throw PolicyDocumentError(policyName: policy, location: location, message: "must be a string or an array of strings")
    }

    /// `*` matches any run of characters, `?` exactly one.
    static func glob(_ pattern: String, _ text: String, caseSensitive: Bool) -> Bool {
        var pattern = pattern
        var text = text
        // ARNs and actions are ASCII: matched on their bytes, without copying them.
        let ascii = pattern.withUTF8 { pattern in
            text.withUTF8 { text in
                isASCII(pattern) && isASCII(text)
                    ? match(pattern, text, star: UInt8(ascii: "*"), any: UInt8(ascii: "?"), fold: caseSensitive ? { $0 } : asciiLowercase) : nil
            }
        }
        if let ascii { return ascii }
        let p = Array(caseSensitive ? pattern.unicodeScalars : pattern.lowercased().unicodeScalars)
        let t = Array(caseSensitive ? text.unicodeScalars : text.lowercased().unicodeScalars)
        return match(p, t, star: "*", any: "?") { $0 }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The glob match over any characters; `fold` maps each one before comparing (lowercasing).
    private static func match<C: RandomAccessCollection>(_ p: C, _ t: C, star: C.Element, any: C.Element,
                                                         fold: (C.Element) -> C.Element) -> Bool
    where C.Index == Int, C.Element: Equatable {
        var pi = p.startIndex, ti = t.startIndex, starAt = -1, mark = 0
        while ti < t.endIndex {
            if pi < p.endIndex, p[pi] == any || (p[pi] != star && fold(p[pi]) == fold(t[ti])) {
                pi += 1
                ti += 1
            } else if pi < p.endIndex, p[pi] == star {
                starAt = pi
                mark = ti
                pi += 1
            } else if starAt >= 0 {
                pi = starAt + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.endIndex, p[pi] == star { pi += 1 }
        return pi == p.endIndex
    }
}

/// Condition blocks: operators AND together, keys under an operator AND together, values of a key
/// OR together (NOR for negated operators).
enum PolicyConditions {
    /// Three-valued: `unknown` when the block uses something this evaluator cannot judge.
    enum Outcome: Equatable {
        case satisfied, notSatisfied, unknown
    }

    static func evaluate(_ block: JSONValue?, context: [String: [String]]) -> Outcome {
        guard let block else { return .satisfied }
        guard case .object(let operators) = block else { return .unknown }
        var sawUnknown = false
        for (name, keys) in operators {
            guard case .object(let keyMap) = keys else { return .unknown }
            for (key, values) in keyMap {
                let expected: [String]
                switch values {
                case .array(let list): expected = list.compactMap(text)
                default: expected = [values].compactMap(text)
                }
                switch evaluate(operator: name, expected: expected, actual: context[key.lowercased()]) {
                case .notSatisfied: return .notSatisfied
                case .unknown: sawUnknown = true
                case .satisfied: break
                }
            }
        }
        return sawUnknown ? .unknown : .satisfied
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .bool(let flag): return flag ? "true" : "false"
        case .int, .double: return value.serialized()
        default: return nil
        }
    }

    static func evaluate(operator fullName: String, expected: [String], actual: [String]?) -> Outcome {
        var name = Substring(fullName)
        var quantifier: String?
        for prefix in ["ForAnyValue:", "ForAllValues:"] where name.hasPrefix(prefix) {
            quantifier = String(prefix.dropLast())
            name = name.dropFirst(prefix.count)
        }
        let ifExists = name.hasSuffix("IfExists")
        if ifExists { name = name.dropLast("IfExists".count) }
        if name == "Null" {
            guard expected.count == 1, let wantsAbsent = Bool(expected[0].lowercased()) else { return .unknown }
            return (actual == nil) == wantsAbsent ? .satisfied : .notSatisfied
        }
        guard let (compare, negated) = comparator(String(name)) else { return .unknown }
        guard let actual, !actual.isEmpty else {
            if ifExists || quantifier == "ForAllValues" || (negated && quantifier == nil) { return .satisfied }
            return .notSatisfied
        }
        func matchesAny(_ value: String) -> Bool? {
            var sawUnknown = false
            for candidate in expected {
                switch compare(candidate, value) {
                case true?: return true
                case nil: sawUnknown = true
                case false?: break
                }
            }
            return sawUnknown ? nil : false
        }
        var results: [Bool] = []
        for value in actual {
            guard let matched = matchesAny(value) else { return .unknown }
            results.append(negated ? !matched : matched)
        }
        let holds = quantifier == "ForAllValues" ? results.allSatisfy { $0 }
            : quantifier == "ForAnyValue" ? results.contains(true)
            : negated ? results.allSatisfy { $0 } : results.contains(true)
        return holds ? .satisfied : .notSatisfied
    }

    /// The comparison of an operator (expected, actual) and whether the operator is negated;
    /// nil for operators this evaluator does not support.
    static func comparator(_ name: String) -> ((String, String) -> Bool?, Bool)? {
        let numeric: [String: (Double, Double) -> Bool] = [
            "NumericEquals": (==), "NumericNotEquals": (!=), "NumericLessThan": { $1 < $0 },
            "NumericLessThanEquals": { $1 <= $0 }, "NumericGreaterThan": { $1 > $0 }, "NumericGreaterThanEquals": { $1 >= $0 },
        ]
        if let test = numeric[name] {
            return ({ expected, actual in
                guard let e = Double(expected), let a = Double(actual) else { return nil }
                return test(e, a)
            }, false)
        }
        switch name {
        case "StringEquals": return ({ $0 == $1 }, false)
        case "StringNotEquals": return ({ $0 == $1 }, true)
        case "StringEqualsIgnoreCase": return ({ $0.lowercased() == $1.lowercased() }, false)
        case "StringNotEqualsIgnoreCase": return ({ $0.lowercased() == $1.lowercased() }, true)
        case "StringLike", "ArnEquals", "ArnLike": return ({ PolicyEvaluator.glob($0, $1, caseSensitive: true) }, false)
        case "StringNotLike", "ArnNotEquals", "ArnNotLike": return ({ PolicyEvaluator.glob($0, $1, caseSensitive: true) }, true)
        case "Bool": return ({ $0.lowercased() == $1.lowercased() }, false)
        default: return nil
        }
    }
}
