/// A `Decoder` positioned at one node.
struct NodeDecoder: Decoder {
    let node: YAMLNode
    /// The key path to `node`, as a chain (arrays are built only when asked for).
    let path: CodingPath?
    let state: DecodingState

    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }
    var codingPath: [any CodingKey] { path?.keys ?? [] }

    /// A decoder for a child node at `key`.
    func child(_ node: YAMLNode, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, path: CodingPath(key, parent: path), state: state)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let pairs) = node.content else { throw mismatch("a mapping") }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, pairs: pairs))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let items) = node.content else { throw mismatch("a list") }
        return UnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// Decodes any value here; a `YAMLNode` is handed over as is.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // Compare metatypes first: a dynamic cast on every value is slow.
        if T.self == YAMLNode.self, let node = node as? T { return node }
        if let dictionary = T.self as? any StringKeyedDictionary.Type, let value = try dictionary.decodeMapping(self) as? T {
            return value
        }
        return try T(from: self)
    }

    // MARK: Errors

    func error(_ code: YAMLError.Code, _ message: String) -> YAMLError {
        YAMLError(code, file: node.file, mark: node.mark, path: path?.description ?? "", message: message)
    }

    /// "expected X, found Y" with a hint for the usual mistakes.
    func mismatch(_ expected: String) -> YAMLError {
        var message = "expected \(expected), found \(node.summary)"
        let kind = node.scalarKind
        let style = node.scalar?.style ?? .plain
        switch (expected, kind) {
        case ("an integer", .string?), ("a number", .string?):
            if style != .plain, let text = node.text,
               [.int, .float].contains(ScalarKind.ofPlain(text)) {
                message += "; remove the quotes to write a number"
            }
        case ("true or false", .string?):
            if style == .plain, let text = node.text,
               ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()) {
                message += "; only true and false are booleans in YAML 1.2"
            } else if style != .plain, let text = node.text, ScalarKind.ofPlain(text) == .bool {
                message += "; remove the quotes to write a boolean"
            }
        case ("a string", .null?):
            message += "; write a value, or \"\" for an empty string"
        case ("a string", .int?), ("a string", .float?), ("a string", .bool?):
            message += "; put it in quotes to make it a string"
        default:
            break
        }
        return error(.typeMismatch, message)
    }
}

extension NodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { node.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let value = node.bool else { throw mismatch("true or false") }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        guard let value = node.string else { throw mismatch("a string") }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double { try floating(Double.self) }
    func decode(_ type: Float.Type) throws -> Float { try floating(Float.self) }
    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard node.scalarKind == .int, let text = node.text else { throw mismatch("an integer") }
        let value: I?
        if text.hasPrefix("0o") {
            value = I(text.dropFirst(2), radix: 8)
        } else if text.hasPrefix("0x") {
            value = I(text.dropFirst(2), radix: 16)
        } else {
            value = I(text)
        }
        guard let value else {
            throw error(.invalidValue, "the integer \(text) is out of range (\(I.min)...\(I.max))")
        }
        return value
    }

    func floating<F: BinaryFloatingPoint>(_ type: F.Type) throws -> F {
        guard let kind = node.scalarKind, kind == .int || kind == .float, let text = node.text,
              let value = CoreValues.double(text)
        else { throw mismatch("a number") }
        return F(value)
    }
}
