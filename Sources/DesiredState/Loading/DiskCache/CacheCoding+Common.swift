import StatesLanguage

// Encodings of the values shared by manifests and definitions. Every field of a type is written;
// a field added to one of these types must be added here and `DiskCache.formatVersion` raised.

extension ByteWriter {
    mutating func write(_ location: FileLocation) {
        write(location.file)
        write(location.line)
        write(location.column)
    }

    mutating func write(_ id: ResourceID) {
        write(id.kind.rawValue)
        write(id.name)
    }

    mutating func write(_ diagnostic: Diagnostic) {
        write(diagnostic.severity.rawValue)
        write(diagnostic.code)
        write(diagnostic.location)
        write(diagnostic.resource != nil)
        if let resource = diagnostic.resource { write(resource) }
        write(diagnostic.field)
        write(diagnostic.message)
        write(diagnostic.hint)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: write(UInt64(0))
        case .bool(let flag):
            write(UInt64(1))
            write(flag)
        case .int(let number):
            write(UInt64(2))
            write(number)
        case .double(let number):
            write(UInt64(3))
            write(number)
        case .string(let text):
            write(UInt64(4))
            write(text)
        case .array(let items):
            write(UInt64(5))
            write(items) { $0.write($1) }
        case .object(let object):
            write(UInt64(6))
            write(UInt64(object.count))
            for (key, member) in object {
                write(key)
                write(member)
            }
        }
    }
}

extension ByteReader {
    /// The deepest JSON nesting read back (the parsers refuse deeper documents long before).
    static let maxDepth = 512

    mutating func location() throws -> FileLocation {
        FileLocation(file: try string(), line: try int(), column: try int())
    }

    mutating func rawEnum<T: RawRepresentable<String>>(_ type: T.Type) throws -> T {
        let text = try string()
        guard let value = T(rawValue: text) else { throw CacheFormatError(message: "unknown \(T.self) '\(text)'") }
        return value
    }

    mutating func resourceID() throws -> ResourceID {
        ResourceID(try rawEnum(ResourceKind.self), try string())
    }

    mutating func diagnostic() throws -> Diagnostic {
        let severity = try rawEnum(Severity.self)
        let code = try string()
        let location = try location()
        let resource = try bool() ? try resourceID() : nil
        let field = try string()
        let message = try string()
        return Diagnostic(severity, code, at: location, resource: resource, field: field, message, hint: try string())
    }

    mutating func json(depth: Int = 0) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw CacheFormatError(message: "JSON nested too deeply") }
        switch try uint64() {
        case 0: return .null
        case 1: return .bool(try bool())
        case 2: return .int(try int64())
        case 3: return .double(try double())
        case 4: return .string(try string())
        case 5: return .array(try array { try $0.json(depth: depth + 1) })
        case 6:
            let total = try count()
            var object = JSONObject()
            for _ in 0..<total {
                let key = try string()
                object[key] = try json(depth: depth + 1)
            }
            return .object(object)
        case let other: throw CacheFormatError(message: "unknown JSON tag \(other)")
        }
    }
}
