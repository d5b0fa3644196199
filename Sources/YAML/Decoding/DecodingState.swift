/// State shared by all decoders of one `YAMLDecoder` call: user info and key usage.
final class DecodingState {
    /// Which keys of one mapping were read, and which keys the type asked for.
    final class Usage {
        let pairs: [YAMLNode.Pair]
        let path: CodingPath?
        var used: [Bool]
        var asked: [String] = []

        init(pairs: [YAMLNode.Pair], path: CodingPath?) {
            self.pairs = pairs
            self.path = path
            self.used = [Bool](repeating: false, count: pairs.count)
        }
    }

    let userInfo: [CodingUserInfoKey: Any]
    let reportUnknownKeys: Bool
    /// Usage per mapping, by the address of its pair storage: opening the same mapping again
    /// (the same path decoded twice, or an alias of it) shares one record. The decoded root
    /// keeps every storage alive, so addresses are not reused during a decode.
    private var usages: [UnsafeRawPointer: Usage] = [:]
    private var order: [Usage] = []

    init(userInfo: [CodingUserInfoKey: any Sendable], reportUnknownKeys: Bool) {
        self.userInfo = userInfo
        self.reportUnknownKeys = reportUnknownKeys
    }

    /// The usage record of a mapping, or nil when unknown keys are not reported.
    func usage(for pairs: [YAMLNode.Pair], path: CodingPath?) -> Usage? {
        guard reportUnknownKeys, let address = pairs.withUnsafeBufferPointer({ $0.baseAddress }) else { return nil }
        let key = UnsafeRawPointer(address)
        if let existing = usages[key] { return existing }
        let usage = Usage(pairs: pairs, path: path)
        usages[key] = usage
        order.append(usage)
        return usage
    }

    /// Every key not read, in document order.
    func unknownKeys() -> [UnknownKey] {
        var result: [UnknownKey] = []
        for usage in order {
            guard usage.used.contains(false) else { continue }
            let path = usage.path?.description ?? ""
            let known = Array(Set(usage.asked)).sorted()
            for (index, pair) in usage.pairs.enumerated() where !usage.used[index] {
                let name = pair.key.text ?? pair.key.summary
                let keyPath = path.isEmpty ? name : "\(path).\(name)"
                result.append(UnknownKey(key: name, path: keyPath, file: pair.key.file,
                                         mark: pair.key.mark, knownKeys: known))
            }
        }
        return result.sorted { ($0.file, $0.mark) < ($1.file, $1.mark) }
    }

    /// `spec.steps[2].weight` for a coding path.
    static func pathString(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if key is IndexKey, let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text
    }

    /// Turns a `DecodingError` thrown by a type's own `init(from:)` into a `YAMLError` at the
    /// node its coding path leads to.
    static func convert(_ error: DecodingError, root: YAMLNode) -> YAMLError {
        let (code, context): (YAMLError.Code, DecodingError.Context)
        switch error {
        case .typeMismatch(_, let c): (code, context) = (.typeMismatch, c)
        case .valueNotFound(_, let c): (code, context) = (.typeMismatch, c)
        case .keyNotFound(_, let c): (code, context) = (.missingKey, c)
        case .dataCorrupted(let c): (code, context) = (.invalidValue, c)
        @unknown default:
            return YAMLError(.invalidValue, file: root.file, mark: root.mark, message: "\(error)")
        }
        var node = root
        for key in context.codingPath {
            if key is IndexKey, let index = key.intValue, let item = node[index] {
                node = item
            } else if let value = node[key.stringValue] {
                node = value
            } else {
                break
            }
        }
        return YAMLError(code, file: node.file, mark: node.mark, path: pathString(context.codingPath),
                         message: context.debugDescription)
    }
}

/// The coding key of a sequence item.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// A coding path as a chain of keys, cheap to extend; `keys` builds the array on demand.
final class CodingPath: CustomStringConvertible {
    let key: any CodingKey
    let parent: CodingPath?

    init(_ key: any CodingKey, parent: CodingPath?) {
        self.key = key
        self.parent = parent
    }

    /// The keys from the root down to this one.
    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var link: CodingPath? = self
        while let current = link {
            keys.append(current.key)
            link = current.parent
        }
        return keys.reversed()
    }

    /// `spec.steps[2].weight`.
    var description: String { DecodingState.pathString(keys) }
}

/// A coding key with any name, for `superDecoder()`.
struct NameKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
