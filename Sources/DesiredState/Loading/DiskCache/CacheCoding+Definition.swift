// Encoding of ASL definition analyses. Every field is written; a field added to one of these
// types must be added here and `DiskCache.formatVersion` raised.

extension ByteWriter {
    mutating func write(_ analysis: DefinitionAnalysis) {
        write(analysis.definition != nil)
        if let definition = analysis.definition { write(definition) }
        write(analysis.diagnostics) { $0.write($1) }
        write(analysis.placeholders) { writer, site in
            writer.write(site.body)
            writer.write(site.location)
            writer.write(site.path) { $0.write($1) }
        }
        write(analysis.tasks) { writer, task in
            writer.write(task.state)
            writer.write(task.field)
            writer.write(task.resource)
            writer.write(task.resourceLocation)
            writer.write(task.functionName)
            writer.write(task.functionNameLocation != nil)
            if let location = task.functionNameLocation { writer.write(location) }
        }
    }

    mutating func write(_ component: PathComponent) {
        switch component {
        case .key(let key):
            write(UInt64(0))
            write(key)
        case .index(let index):
            write(UInt64(1))
            write(index)
        }
    }
}

extension ByteReader {
    mutating func definitionAnalysis() throws -> DefinitionAnalysis {
        let definition = try bool() ? try json() : nil
        let diagnostics = try array { try $0.diagnostic() }
        let placeholders = try array { reader in
            PlaceholderSite(body: try reader.string(), location: try reader.location(), path: try reader.array { try $0.pathComponent() })
        }
        let tasks = try array { reader in
            TaskSite(state: try reader.string(), field: try reader.string(), resource: try reader.string(),
                     resourceLocation: try reader.location(), functionName: try reader.optionalString(),
                     functionNameLocation: try reader.bool() ? try reader.location() : nil)
        }
        return DefinitionAnalysis(definition: definition, diagnostics: diagnostics, placeholders: placeholders, tasks: tasks)
    }

    mutating func pathComponent() throws -> PathComponent {
        switch try uint64() {
        case 0: return .key(try string())
        case 1: return .index(try int())
        case let other: throw CacheFormatError(message: "unknown path component tag \(other)")
        }
    }
}
