import Foundation

extension IntrinsicCall {
    /// Largest string `States.Base64Encode`, `Base64Decode` and `Hash` accept.
    static let maximumInputLength = 10_000
    /// Largest array `States.ArrayRange` produces.
    static let maximumRangeLength = 1000

    /// Evaluates the call. Throws `StatesError` when arguments are invalid, and `JSONPathNotFound`
    /// when a path argument selects nothing.
    ///
    /// Invalid arguments fail with `States.IntrinsicFailure`, the predefined error the States
    /// Language names for a failed intrinsic function, which retriers and catchers can handle
    /// (moto 5.2.1 reports `States.Runtime` instead: see Corpus/KNOWN-DIFFERENCES.md).
    func evaluate(in scope: EvaluationScope) throws -> JSONValue {
        var values: [JSONValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            switch argument {
            case .literal(let value): values.append(value)
            case .text(let value, _): values.append(.string(value))
            case .path(let path): values.append(try scope.resolve(path))
            case .call(let call): values.append(try call.evaluate(in: scope))
            }
        }
        switch function {
        case .format: return try format(values)
        case .stringToJson:
            let text = try string(values[0], "the argument")
            if text.allSatisfy(\.isWhitespace) { return .null }
            do {
                return try JSONValue(parsing: text)
            } catch {
                throw failure("the argument is not valid JSON text (\(error))")
            }
        case .jsonToString: return .string(values[0].serialized())
        case .array: return .array(values)
        case .arrayPartition:
            let array = try self.array(values[0], "the first argument")
            let size = try integer(values[1], "the chunk size")
            guard size > 0 else { throw failure("the chunk size must be a positive integer, got \(size)") }
            return .array(stride(from: 0, to: array.count, by: Int(size)).map {
                .array(Array(array[$0..<min($0 + Int(size), array.count)]))
            })
        case .arrayContains:
            return .bool(try array(values[0], "the first argument").contains(values[1]))
        case .arrayRange: return try range(values)
        case .arrayGetItem:
            let array = try self.array(values[0], "the first argument")
            let index = try integer(values[1], "the index")
            guard index >= 0, index < array.count else {
                throw failure("index \(index) is out of bounds for an array of \(array.count) items")
            }
            return array[Int(index)]
        case .arrayLength: return .int(Int64(try array(values[0], "the argument").count))
        case .arrayUnique:
            var seen = Set<JSONValue>()
            return .array(try array(values[0], "the argument").filter { seen.insert($0).inserted })
        case .base64Encode:
            let text = try limited(try string(values[0], "the argument"))
            return .string(Data(text.utf8).base64EncodedString())
        case .base64Decode:
            let text = try limited(try string(values[0], "the argument"))
            guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
                throw failure("the argument is not valid Base64 text of a UTF-8 string")
            }
            return .string(decoded)
        case .hash:
            let data: String
            if case .string(let text) = values[0] { data = text } else { data = values[0].serialized() }
            let algorithm = try string(values[1], "the algorithm")
            guard let digest = Digest.hex(algorithm, Array(try limited(data).utf8)) else {
                throw failure("unknown hash algorithm '\(algorithm)': use MD5, SHA-1, SHA-256, SHA-384 or SHA-512")
            }
            return .string(digest)
        case .jsonMerge: return try merge(values)
        case .mathRandom: return try random(values, scope.random)
        case .mathAdd:
            let sum = try integer(values[0], "the first argument", rounding: true)
                + integer(values[1], "the second argument", rounding: true)
            return .int(sum)
        case .stringSplit:
            let text = try string(values[0], "the first argument")
            let delimiters = Set(try string(values[1], "the delimiter"))
            return .array(text.split(whereSeparator: { delimiters.contains($0) }).map { .string(String($0)) })
        case .uuid: return .string(scope.random.uuid())
        }
    }

    func failure(_ message: String) -> StatesError {
        StatesError(StatesErrorName.intrinsicFailure, cause: "The function '\(text)' had the following error: \(message)")
    }

    func string(_ value: JSONValue, _ name: String) throws -> String {
        guard case .string(let text) = value else { throw failure("\(name) must be a string, got \(value.typeName)") }
        return text
    }

    func array(_ value: JSONValue, _ name: String) throws -> [JSONValue] {
        guard case .array(let elements) = value else { throw failure("\(name) must be an array, got \(value.typeName)") }
        return elements
    }

    func integer(_ value: JSONValue, _ name: String, rounding: Bool = false) throws -> Int64 {
        switch value {
        case .int(let number):
            return number
        case .double(let number):
            if let exact = Int64(exactly: number) { return exact }
            if rounding, number.isFinite, abs(number) < 9e18 { return Int64((number + 0.5).rounded(.down)) }
            throw failure("\(name) must be an integer, got \(number)")
        default:
            throw failure("\(name) must be an integer, got \(value.typeName)")
        }
    }

    func limited(_ text: String) throws -> String {
        guard text.count <= Self.maximumInputLength else {
            throw failure("the input is \(text.count) characters long; the maximum is \(Self.maximumInputLength)")
        }
        return text
    }

    func range(_ values: [JSONValue]) throws -> JSONValue {
        let start = try integer(values[0], "the start", rounding: true)
        let end = try integer(values[1], "the end", rounding: true)
        let step = try integer(values[2], "the step", rounding: true)
        guard step != 0 else { throw failure("the step must not be 0") }
        let count = (step > 0 ? end >= start : end <= start) ? (end - start) / step + 1 : 0
        guard count <= Self.maximumRangeLength else {
            throw failure("the range has \(count) items; the maximum is \(Self.maximumRangeLength)")
        }
        return .array((0..<count).map { .int(start + $0 * step) })
    }

    func merge(_ values: [JSONValue]) throws -> JSONValue {
        guard case .object(var merged) = values[0] else { throw failure("the first argument must be an object, got \(values[0].typeName)") }
        guard case .object(let other) = values[1] else { throw failure("the second argument must be an object, got \(values[1].typeName)") }
        guard case .bool(let deep) = values[2] else { throw failure("the third argument must be a boolean, got \(values[2].typeName)") }
        guard !deep else { throw failure("only the shallow merge is supported: the third argument must be false") }
        for member in other.members { merged[member.key] = member.value }
        return .object(merged)
    }

    func random(_ values: [JSONValue], _ source: RandomSource) throws -> JSONValue {
        let start = try integer(values[0], "the start", rounding: true)
        let end = try integer(values[1], "the end", rounding: true)
        guard start < end else { throw failure("the start (\(start)) must be less than the end (\(end))") }
        if values.count == 3 {
            let seed = try integer(values[2], "the seed", rounding: true)
            var generator = SplitMix64(seed: UInt64(bitPattern: seed))
            return .int(Int64.random(in: start..<end, using: &generator))
        }
        return .int(source.integer(in: start...(end - 1)))
    }
}
