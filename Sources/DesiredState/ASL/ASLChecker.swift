import YAML

/// Checks an ASL definition's structure: states, transitions, reachability and the field rules
/// of each state type, recursing into Parallel branches and Map item processors.
struct ASLChecker {
    /// Collects the diagnostics (with no resource: the caller fills it in).
    var reader = FieldReader(resource: nil)
    /// Every Task state met.
    var tasks: [TaskSite] = []

    /// Where a state machine (or sub-machine) sits.
    enum Scope {
        case top, branch, itemProcessor, iterator
    }

    /// The query language of a state.
    enum Language: String, CaseIterable {
        case jsonPath = "JSONPath"
        case jsonata = "JSONata"
    }

    /// A `Next`, `Default`, choice or catcher target.
    struct Transition {
        var target: String
        var node: YAMLNode
        var field: String
    }

    /// What the machine-level checks need to know about a state.
    struct StateSummary {
        var transitions: [Transition] = []
        var isTerminal = false
    }

    mutating func checkDefinition(_ root: YAMLNode) {
        checkMachine(root, path: "", statePrefix: "", scope: .top, language: .jsonPath)
    }

    /// Checks a (sub-)state machine: `StartAt`, `States`, transitions, reachability, a terminal state.
    mutating func checkMachine(_ node: YAMLNode, path: @autoclosure () -> String, statePrefix: String, scope: Scope, language inherited: Language) {
        var allowed = ["StartAt", "States", "Comment"]
        switch scope {
        case .top: allowed += ["Version", "TimeoutSeconds", "QueryLanguage"]
        case .itemProcessor: allowed += ["ProcessorConfig"]
        case .branch, .iterator: break
        }
        guard reader.mapping(node, at: path(), allowed: allowed, required: ["StartAt", "States"]) != nil else { return }
        var language = inherited
        if scope == .top {
            if let value = node["QueryLanguage"], let parsed = reader.enumeration(value, at: Self.field(path(), "QueryLanguage"), as: Language.self) {
                language = parsed
            }
            if let value = node["Version"], let text = reader.string(value, at: Self.field(path(), "Version")), text != "1.0" {
                reader.error("asl.version", value, Self.field(path(), "Version"), "Version must be \"1.0\", but is '\(text)'")
            }
            if let value = node["TimeoutSeconds"] { _ = reader.int(value, at: Self.field(path(), "TimeoutSeconds"), in: 1...99_999_999, unit: "seconds") }
        }
        if let config = node["ProcessorConfig"] { checkProcessorConfig(config, at: Self.field(path(), "ProcessorConfig")) }
        if let comment = node["Comment"] { _ = reader.string(comment, at: Self.field(path(), "Comment"), nonEmpty: false) }

        guard let statesNode = node["States"] else { return }
        let statesPath = Self.field(path(), "States")
        guard let pairs = statesNode.mapping else {
            reader.typeMismatch(statesNode, statesPath, expected: "an object of states")
            return
        }
        if pairs.isEmpty { reader.error("asl.no-states", statesNode, statesPath, "States must hold at least one state") }
        var names: [String] = []
        var keyNodes: [String: YAMLNode] = [:]
        var summaries: [String: StateSummary] = [:]
        for pair in pairs {
            guard let name = pair.key.string else { continue }
            if name.isEmpty || (name.utf8.count > 80 && name.count > 80) {
                reader.error("asl.state-name", pair.key, Self.field(statesPath, name), "state names must be 1–80 characters long, but '\(name.prefix(20))…' has \(name.count)")
            }
            names.append(name)
            keyNodes[name] = pair.key
            summaries[name] = checkState(pair.value, name: name, path: Self.field(statesPath, name),
                                         displayName: statePrefix + name, language: language)
        }
        let known = Set(names)
        for name in names {
            for transition in summaries[name]?.transitions ?? [] where !known.contains(transition.target) {
                reportUnknownTarget(transition.target, node: transition.node, field: transition.field, names: names)
            }
        }
        guard let startNode = node["StartAt"], let start = reader.string(startNode, at: Self.field(path(), "StartAt")) else { return }
        guard known.contains(start) else {
            reader.error("asl.unknown-start", startNode, Self.field(path(), "StartAt"), "StartAt names '\(start)', which is not a state here",
                         hint: suggestion(for: start, among: names).map { "did you mean '\($0)'?" } ?? "states here: \(names.joined(separator: ", "))")
            return
        }
        checkReachability(start: start, startNode: startNode, path: path(), names: names, keyNodes: keyNodes, summaries: summaries)
    }

    private mutating func checkReachability(start: String, startNode: YAMLNode, path: @autoclosure () -> String, names: [String],
                                            keyNodes: [String: YAMLNode], summaries: [String: StateSummary]) {
        var reached: Set<String> = [start]
        var queue = [start]
        while let name = queue.popLast() {
            for transition in summaries[name]?.transitions ?? [] where summaries[transition.target] != nil {
                if reached.insert(transition.target).inserted { queue.append(transition.target) }
            }
        }
        for name in names where !reached.contains(name) {
            if let key = keyNodes[name] {
                reader.error("asl.unreachable-state", key, Self.field(Self.field(path(), "States"), name),
                             "state '\(name)' cannot be reached from StartAt '\(start)'",
                             hint: "point a Next, Default, Choice or Catch at it, or remove it")
            }
        }
        if !reached.contains(where: { summaries[$0]?.isTerminal == true }) {
            reader.error("asl.no-terminal", startNode, Self.field(path(), "StartAt"),
                         "no state reachable from '\(start)' ends the execution (a Succeed or Fail state, or End: true)",
                         hint: "add a Succeed state, or set End: true on the last state")
        }
    }

    private mutating func reportUnknownTarget(_ target: String, node: YAMLNode, field: String, names: [String]) {
        reader.error("asl.unknown-target", node, field, "'\(target)' is not a state here",
                     hint: suggestion(for: target, among: names).map { "did you mean '\($0)'?" }
                        ?? "states here: \(names.joined(separator: ", "))")
    }

    private mutating func checkProcessorConfig(_ node: YAMLNode, at path: @autoclosure () -> String) {
        guard reader.mapping(node, at: path(), allowed: ["Mode", "ExecutionType"]) != nil else { return }
        if let mode = node["Mode"], let text = reader.string(mode, at: Self.field(path(), "Mode")), text != "INLINE", text != "DISTRIBUTED" {
            reader.error("asl.enum", mode, Self.field(path(), "Mode"), "Mode must be INLINE or DISTRIBUTED, but is '\(text)'")
        }
        if let type = node["ExecutionType"], let text = reader.string(type, at: Self.field(path(), "ExecutionType")), text != "STANDARD", text != "EXPRESS" {
            reader.error("asl.enum", type, Self.field(path(), "ExecutionType"), "ExecutionType must be STANDARD or EXPRESS, but is '\(text)'")
        }
    }

    /// `path.key`, or `key` at the root.
    static func field(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
