import DesiredState

extension Fingerprint.Builder {
    /// Adds a desired function's fields exactly as `DesiredFields.of` lists them (path, then
    /// value), without building the list: a plan fingerprints every desired function.
    mutating func addFields(of function: FunctionResource, shutdown: Bool) {
        let spec = function.spec
        add(path: "runtime", string: spec.runtime)
        add(path: "handler", string: spec.handler)
        add(path: "code", string: function.code.treeID)
        add(path: "memoryMB", integer: spec.memoryMB)
        add(path: "timeoutSeconds", integer: spec.timeoutSeconds)
        add(path: "role", string: function.roleARN)
        add(path: "description", string: spec.description)
        add("architectures")
        add("[")
        add(integer: Int64(FunctionFields.defaultArchitectures.count))
        for architecture in FunctionFields.defaultArchitectures { add(string: architecture) }
        add(path: "ephemeralStorageMB", integer: FunctionFields.defaultEphemeralStorage)
        spec.environment.forEachSortedByKey { key, value in
            add(member: key, of: "environment")
            add(string: value)
        }
        if shutdown {
            add(path: "reservedConcurrency", integer: 0)
        } else if let reserved = spec.reservedConcurrency {
            add(path: "reservedConcurrency", integer: reserved)
        }
        // The spec's tags with `plumb:managed` set (as `ResourceTags.desired`), without building
        // that dictionary.
        var tags: [(key: String, value: String)] = []
        tags.reserveCapacity(spec.tags.count + 1)
        for (key, value) in spec.tags where key != ManagedTag.key { tags.append((key, value)) }
        tags.append((ManagedTag.key, ManagedTag.value))
        tags.sort { $0.key < $1.key }
        for (key, value) in tags {
            add(member: key, of: "tags")
            add(string: value)
        }
        if let alias = spec.alias { add(path: "alias", string: alias) }
    }

    /// A field holding a string: the path, then the value as `add(JSONValue.string)` adds it.
    mutating func add(path: String, string: String) {
        add(path)
        add(string: string)
    }

    /// A field holding an integer, as `add(JSONValue.int)` adds it.
    mutating func add(path: String, integer: Int) {
        add(path)
        add(integer: Int64(integer))
    }

    /// A string value, as `add(JSONValue.string)` adds it.
    mutating func add(string: String) {
        add("s")
        add(string)
    }

    /// The path `JSONDiff.member(prefix, key)`, without building it when `key` is plain.
    mutating func add(member key: String, of prefix: String) {
        guard JSONDiff.isPlain(key) else { return add(JSONDiff.member(prefix, key)) }
        var prefix = prefix
        var key = key
        prefix.withUTF8 { addBytes($0) }
        addBytes(CollectionOfOne(UInt8(ascii: ".")))
        key.withUTF8 { addBytes($0) }
        end()
    }
}
