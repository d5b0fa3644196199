// Encodings of parsed manifest files. Only files whose manifests are all Functions and
// StateMachines are kept on disk (they are nearly all of a large repository); the others are
// parsed each time. Every field is written; a field added to one of these types must be added
// here and `DiskCache.formatVersion` raised (the tests compare loads with and without the cache).

extension ByteWriter {
    /// Writes `file`; false (and nothing meaningful written) when it holds a kind not kept on disk.
    mutating func write(manifestFile file: ManifestFile) -> Bool {
        for manifest in file.manifests {
            switch manifest.spec {
            case .function, .stateMachine: continue
            default: return false
            }
        }
        write(file.manifests) { $0.write($1) }
        write(file.diagnostics) { $0.write($1) }
        write(file.foreignDocuments) { $0.write($1) }
        return true
    }

    mutating func write(_ manifest: DecodedManifest) {
        let parsed = manifest.parsed
        write(parsed.id)
        write(parsed.labels)
        write(parsed.documentIndex)
        write(parsed.location)
        write(parsed.file)
        switch manifest.spec {
        case .function(let spec): write(spec)
        case .stateMachine(let spec): write(spec)
        default: break
        }
        write(manifest.diagnostics) { $0.write($1) }
        write(manifest.references) { $0.write($1) }
    }

    mutating func write(_ spec: FunctionSpec) {
        write(spec.runtime)
        write(spec.handler)
        write(spec.code)
        write(spec.memoryMB)
        write(spec.timeoutSeconds)
        write(spec.environment)
        write(spec.reservedConcurrency)
        write(spec.role)
        write(spec.alias)
        write(spec.keepVersions)
        write(spec.rollout.strategy)
        write(spec.rollout.healthGates != nil)
        if let gates = spec.rollout.healthGates {
            write(gates.maxErrorRate)
            write(gates.maxP99LatencyMs)
            write(gates.minInvocations)
            write(gates.trafficPayload != nil)
            if let payload = gates.trafficPayload { write(payload) }
        }
        write(spec.rollout.preTraffic != nil)
        if let hook = spec.rollout.preTraffic {
            write(hook.invoke)
            write(hook.payload)
        }
        write(spec.dependsOn) { $0.write($1) }
        write(spec.tags)
        write(spec.description)
    }

    mutating func write(_ spec: StateMachineSpec) {
        write(spec.type.rawValue)
        write(spec.definition)
        write(spec.substitutions)
        write(spec.role)
        write(spec.alias)
        write(spec.rollout.strategy)
        write(spec.rollout.smokeTests) { writer, test in
            writer.write(test.input)
            writer.write(test.inputFile)
            writer.write(test.expect.rawValue)
            writer.write(test.timeoutSeconds)
        }
        write(spec.dependsOn) { $0.write($1) }
        write(spec.tags)
        write(spec.description)
    }

    mutating func write(_ strategy: RolloutStrategy) {
        switch strategy {
        case .allAtOnce: write(UInt64(0))
        case .canary(let percent, let minutes):
            write(UInt64(1))
            write(percent)
            write(minutes)
        case .linear(let percent, let minutes):
            write(UInt64(2))
            write(percent)
            write(minutes)
        case .steps(let steps):
            write(UInt64(3))
            write(steps) { writer, step in
                writer.write(step.weight)
                writer.write(step.pauseSeconds)
            }
        }
    }

    mutating func write(_ site: ReferenceSite) {
        switch site.expression {
        case .resource(let kind, let name, let qualifier):
            write(UInt64(0))
            write(kind.rawValue)
            write(name)
            write(qualifier)
        case .environmentValue(let name):
            write(UInt64(1))
            write(name)
        case .substitution(let name):
            write(UInt64(2))
            write(name)
        case .foreign: write(UInt64(3))
        case .invalid(let message, let hint):
            write(UInt64(4))
            write(message)
            write(hint)
        }
        write(site.location)
        write(site.field)
    }
}

extension ByteReader {
    mutating func manifestFile() throws -> ManifestFile {
        ManifestFile(manifests: try array { try $0.decodedManifest() }, diagnostics: try array { try $0.diagnostic() },
                     foreignDocuments: try array { try $0.location() })
    }

    mutating func decodedManifest() throws -> DecodedManifest {
        let id = try resourceID()
        let labels = try stringMap()
        let documentIndex = try int()
        let location = try location()
        let parsed = ParsedManifest(id: id, labels: labels, spec: nil, documentIndex: documentIndex, location: location, file: try string())
        let spec: ManifestSpec
        switch id.kind {
        case .function: spec = .function(try functionSpec())
        case .stateMachine: spec = .stateMachine(try stateMachineSpec())
        default: throw CacheFormatError(message: "a \(id.kind.rawValue) manifest is not kept on disk")
        }
        let diagnostics = try array { try $0.diagnostic() }
        return DecodedManifest(parsed: parsed, spec: spec, diagnostics: diagnostics, references: try array { try $0.referenceSite() })
    }

    mutating func functionSpec() throws -> FunctionSpec {
        var spec = FunctionSpec(runtime: try string(), handler: try string(), code: try string(), role: "")
        spec.memoryMB = try int()
        spec.timeoutSeconds = try int()
        spec.environment = try stringMap()
        spec.reservedConcurrency = try optionalInt()
        spec.role = try string()
        spec.alias = try optionalString()
        spec.keepVersions = try int()
        spec.rollout.strategy = try rolloutStrategy()
        if try bool() {
            var gates = HealthGates(maxErrorRate: try optionalDouble(), maxP99LatencyMs: try optionalInt(), minInvocations: try int())
            gates.trafficPayload = try bool() ? try json() : nil
            spec.rollout.healthGates = gates
        }
        if try bool() {
            spec.rollout.preTraffic = PreTrafficHook(invoke: try string(), payload: try json())
        }
        spec.dependsOn = try array { try $0.string() }
        spec.tags = try stringMap()
        spec.description = try string()
        return spec
    }

    mutating func stateMachineSpec() throws -> StateMachineSpec {
        var spec = StateMachineSpec(type: try rawEnum(StateMachineType.self), definition: try string(), role: "")
        spec.substitutions = try stringMap()
        spec.role = try string()
        spec.alias = try optionalString()
        spec.rollout.strategy = try rolloutStrategy()
        spec.rollout.smokeTests = try array { reader in
            SmokeTest(input: try reader.json(), inputFile: try reader.optionalString(), expect: try reader.rawEnum(ExpectedStatus.self),
                      timeoutSeconds: try reader.int())
        }
        spec.dependsOn = try array { try $0.string() }
        spec.tags = try stringMap()
        spec.description = try string()
        return spec
    }

    mutating func rolloutStrategy() throws -> RolloutStrategy {
        switch try uint64() {
        case 0: return .allAtOnce
        case 1: return .canary(percent: try int(), minutes: try int())
        case 2: return .linear(percent: try int(), everyMinutes: try int())
        case 3: return .steps(try array { TrafficStep(weight: try $0.double(), pauseSeconds: try $0.int()) })
        case let other: throw CacheFormatError(message: "unknown rollout strategy tag \(other)")
        }
    }

    mutating func referenceSite() throws -> ReferenceSite {
        let expression: ReferenceExpression
        switch try uint64() {
        case 0: expression = .resource(kind: try rawEnum(ResourceKind.self), name: try string(), qualifier: try optionalString())
        case 1: expression = .environmentValue(try string())
        case 2: expression = .substitution(try string())
        case 3: expression = .foreign
        case 4: expression = .invalid(message: try string(), hint: try string())
        case let other: throw CacheFormatError(message: "unknown reference tag \(other)")
        }
        return ReferenceSite(expression: expression, location: try location(), field: try string())
    }
}
