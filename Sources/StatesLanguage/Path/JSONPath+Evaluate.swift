extension JSONPath {
    /// Evaluates the path against `document` (the input for `$`, the context object for `$$`):
    /// a definite path returns the value it selects or throws `JSONPathNotFound`; an indefinite
    /// path returns an array of every match (possibly empty).
    public func evaluate(in document: JSONValue) throws -> JSONValue {
        if isDefinite {
            var node = document
            for segment in segments {
                guard let next = Self.step(segment, node) else {
                    throw JSONPathNotFound(path: text, normalized: normalized)
                }
                node = next
            }
            return node
        }
        return .array(select(in: document))
    }

    /// Every value the path selects in `document`, in document order.
    public func select(in document: JSONValue) -> [JSONValue] {
        Self.select(segments[...], from: [document], root: document)
    }

    /// True when a definite path exists in `document` or an indefinite one selects anything.
    public func exists(in document: JSONValue) -> Bool {
        !Self.select(segments[...], from: [document], root: document).isEmpty
    }

    static func step(_ segment: PathSegment, _ node: JSONValue) -> JSONValue? {
        switch (segment, node) {
        case (.property(let name), .object(let object)): return object[name]
        case (.index(let index), .array(let array)):
            let resolved = index < 0 ? array.count + index : index
            return array.indices.contains(resolved) ? array[resolved] : nil
        default: return nil
        }
    }

    static func select(_ segments: ArraySlice<PathSegment>, from nodes: [JSONValue], root: JSONValue) -> [JSONValue] {
        var current = nodes
        for segment in segments {
            var next: [JSONValue] = []
            for node in current { apply(segment, to: node, root: root, into: &next) }
            current = next
            if current.isEmpty { break }
        }
        return current
    }

    static func apply(_ segment: PathSegment, to node: JSONValue, root: JSONValue, into output: inout [JSONValue]) {
        switch segment {
        case .property, .index:
            if let value = step(segment, node) { output.append(value) }
        case .properties(let names):
            guard case .object(let object) = node else { return }
            for name in names { if let value = object[name] { output.append(value) } }
        case .indices(let indices):
            guard case .array(let array) = node else { return }
            for index in indices {
                let resolved = index < 0 ? array.count + index : index
                if array.indices.contains(resolved) { output.append(array[resolved]) }
            }
        case .wildcard:
            switch node {
            case .array(let array): output.append(contentsOf: array)
            case .object(let object): output.append(contentsOf: object.values)
            default: break
            }
        case .slice(let start, let end, let step):
            guard case .array(let array) = node else { return }
            let count = array.count
            var from = start ?? 0
            var to = end ?? count
            if from < 0 { from = max(0, count + from) }
            if to < 0 { to = max(0, count + to) }
            to = min(to, count)
            guard from < to else { return }
            for index in stride(from: from, to: to, by: step) { output.append(array[index]) }
        case .descendant(let target):
            descend(node, target: target, root: root, into: &output)
        case .filter(let expression):
            switch node {
            case .array(let array):
                for element in array where expression.matches(element, root: root) { output.append(element) }
            case .object:
                if expression.matches(node, root: root) { output.append(node) }
            default: break
            }
        }
    }

    static func descend(_ node: JSONValue, target: PathSegment, root: JSONValue, into output: inout [JSONValue]) {
        apply(target, to: node, root: root, into: &output)
        switch node {
        case .array(let array): for element in array { descend(element, target: target, root: root, into: &output) }
        case .object(let object): for member in object.members { descend(member.value, target: target, root: root, into: &output) }
        default: break
        }
    }
}

extension FilterExpression {
    func matches(_ element: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .exists(let operand):
            return operand.resolve(element, root: root) != nil
        case .not(let inner): return !inner.matches(element, root: root)
        case .and(let left, let right): return left.matches(element, root: root) && right.matches(element, root: root)
        case .or(let left, let right): return left.matches(element, root: root) || right.matches(element, root: root)
        case .compare(let left, let comparison, let right):
            if comparison == .matches {
                guard case .string(let text) = left.resolve(element, root: root),
                      case .regex(let pattern, let ignoreCase) = right,
                      let regex = try? Regex(pattern) else { return false }
                return (try? (ignoreCase ? regex.ignoresCase() : regex).wholeMatch(in: text)) != nil
            }
            guard let lhs = left.resolve(element, root: root), let rhs = right.resolve(element, root: root) else {
                return comparison == .notEqual
            }
            return Self.compare(lhs, comparison, rhs)
        }
    }

    static func compare(_ lhs: JSONValue, _ comparison: FilterComparison, _ rhs: JSONValue) -> Bool {
        switch comparison {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        default: break
        }
        let order: Int
        if let a = lhs.doubleValue, let b = rhs.doubleValue, lhs.isNumber, rhs.isNumber {
            order = a < b ? -1 : (a > b ? 1 : 0)
        } else if case .string(let a) = lhs, case .string(let b) = rhs {
            order = a < b ? -1 : (a > b ? 1 : 0)
        } else {
            return false
        }
        switch comparison {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        default: return false
        }
    }
}

extension FilterOperand {
    func resolve(_ element: JSONValue, root: JSONValue) -> JSONValue? {
        switch self {
        case .literal(let value): return value
        case .regex: return nil
        case .current(let segments): return Self.single(segments, element, root: root)
        case .root(let segments): return Self.single(segments, root, root: root)
        }
    }

    static func single(_ segments: [PathSegment], _ node: JSONValue, root: JSONValue) -> JSONValue? {
        let matches = JSONPath.select(segments[...], from: [node], root: root)
        if segments.allSatisfy(\.isDefinite) { return matches.first }
        return .array(matches)
    }
}
