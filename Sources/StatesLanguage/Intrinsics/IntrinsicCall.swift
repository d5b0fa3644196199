/// A parsed intrinsic function call such as `States.Format('Hello {}', $.name)`.
public struct IntrinsicCall: Sendable, Hashable, CustomStringConvertible {
    /// The function.
    public let function: IntrinsicFunction
    /// The arguments in order.
    let arguments: [IntrinsicArgument]
    /// The call as written.
    public let text: String

    /// The call as written.
    public var description: String { text }

    /// True when `text` looks like an intrinsic call (starts with `States.`).
    public static func looksLikeCall(_ text: String) -> Bool { text.hasPrefix("States.") }

    /// Parses `text`; throws `IntrinsicSyntaxError` for bad syntax, unknown functions or a wrong
    /// number of arguments.
    public init(_ text: String) throws {
        var parser = IntrinsicParser(text: text)
        let call = try parser.parseCall()
        parser.skipSpaces()
        guard parser.atEnd else { throw parser.error("unexpected text after the closing ')'") }
        self = call
    }

    init(function: IntrinsicFunction, arguments: [IntrinsicArgument], text: String) {
        self.function = function
        self.arguments = arguments
        self.text = text
    }

    /// True when any argument (at any depth) reads the context object.
    var referencesContext: Bool {
        arguments.contains { argument in
            switch argument {
            case .path(let path): return path.root == .context
            case .call(let call): return call.referencesContext
            case .literal, .text: return false
            }
        }
    }
}

/// An argument of an intrinsic call.
indirect enum IntrinsicArgument: Sendable, Hashable {
    case literal(JSONValue)
    /// A string literal: its value, and its text with escapes kept (for `States.Format` templates).
    case text(String, raw: String)
    case path(JSONPath)
    case call(IntrinsicCall)
}

/// The intrinsic functions of the Amazon States Language.
public enum IntrinsicFunction: String, Sendable, Hashable, CaseIterable {
    /// Builds a string from a template with `{}` placeholders.
    case format = "States.Format"
    /// Parses JSON text.
    case stringToJson = "States.StringToJson"
    /// Serializes a value as compact JSON text.
    case jsonToString = "States.JsonToString"
    /// Makes an array of its arguments.
    case array = "States.Array"
    /// Splits an array into chunks of a given size.
    case arrayPartition = "States.ArrayPartition"
    /// Tells whether an array contains a value.
    case arrayContains = "States.ArrayContains"
    /// Makes an array of integers from start to end by a step.
    case arrayRange = "States.ArrayRange"
    /// Returns the element at an index.
    case arrayGetItem = "States.ArrayGetItem"
    /// Returns the number of elements.
    case arrayLength = "States.ArrayLength"
    /// Removes duplicate values, keeping first occurrences.
    case arrayUnique = "States.ArrayUnique"
    /// Encodes a string's UTF-8 bytes as Base64.
    case base64Encode = "States.Base64Encode"
    /// Decodes Base64 to a UTF-8 string.
    case base64Decode = "States.Base64Decode"
    /// Hex digest of a string (MD5, SHA-1, SHA-256, SHA-384, SHA-512).
    case hash = "States.Hash"
    /// Shallow-merges two objects.
    case jsonMerge = "States.JsonMerge"
    /// Random integer from start (inclusive) to end (exclusive), optionally seeded.
    case mathRandom = "States.MathRandom"
    /// Sum of two integers.
    case mathAdd = "States.MathAdd"
    /// Splits a string on any of the delimiter characters.
    case stringSplit = "States.StringSplit"
    /// A random version 4 UUID.
    case uuid = "States.UUID"

    /// Allowed number of arguments.
    var arity: ClosedRange<Int> {
        switch self {
        case .format: return 1...Int.max
        case .array: return 0...Int.max
        case .uuid: return 0...0
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: return 1...1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: return 2...2
        case .arrayRange, .jsonMerge: return 3...3
        case .mathRandom: return 2...3
        }
    }
}

/// An intrinsic call that cannot be parsed.
public struct IntrinsicSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call text.
    public var text: String
    /// 0-based character offset of the problem.
    public var offset: Int
    /// What is wrong.
    public var message: String
    /// "Invalid intrinsic function '<text>' at character N: message".
    public var description: String { "Invalid intrinsic function '\(text)' at character \(offset + 1): \(message)" }
}
