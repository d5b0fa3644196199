import YAML

extension FieldReader {
    /// Decodes `spec.rollout` of a Function.
    mutating func functionRollout(_ node: YAMLNode) -> FunctionRollout {
        var rollout = FunctionRollout()
        guard mapping(node, at: "spec.rollout", allowed: ["strategy", "healthGates", "preTraffic"]) != nil else { return rollout }
        if let strategy = node["strategy"] { rollout.strategy = self.strategy(strategy, wholePercents: false) ?? .allAtOnce }
        if let gates = node["healthGates"] { rollout.healthGates = healthGates(gates) }
        if let hook = node["preTraffic"],
           mapping(hook, at: "spec.rollout.preTraffic", allowed: ["invoke", "payload"], required: ["invoke"]) != nil,
           let invokeNode = hook["invoke"], let target = string(invokeNode, at: "spec.rollout.preTraffic.invoke") {
            let payload = hook["payload"].flatMap { json($0, at: "spec.rollout.preTraffic.payload") } ?? .emptyObject
            rollout.preTraffic = PreTrafficHook(invoke: target, payload: payload)
        }
        return rollout
    }

    /// Decodes a strategy: a name (`Canary10Percent5Minutes`) or `{steps: [{weight, pauseSeconds}]}`.
    /// State machine alias weights are whole percents (`wholePercents`).
    mutating func strategy(_ node: YAMLNode, wholePercents: Bool) -> RolloutStrategy? {
        let path = "spec.rollout.strategy"
        if node.mapping != nil {
            guard mapping(node, at: path, allowed: ["steps"], required: ["steps"]) != nil,
                  let stepsNode = node["steps"] else { return nil }
            guard let items = stepsNode.sequence, !items.isEmpty else {
                if stepsNode.sequence == nil { typeMismatch(stepsNode, "\(path).steps", expected: "a list") } else {
                    error("schema.empty", stepsNode, "\(path).steps", "\(path).steps must list at least one step")
                }
                return nil
            }
            var steps: [TrafficStep] = []
            var previous = 0.0
            for (index, item) in items.enumerated() {
                let stepPath = "\(path).steps[\(index)]"
                guard mapping(item, at: stepPath, allowed: ["weight", "pauseSeconds"], required: ["weight"]) != nil,
                      let weightNode = item["weight"],
                      let weight = number(weightNode, at: "\(stepPath).weight", in: 0...100, unit: "percent") else { continue }
                if weight <= previous {
                    error("schema.steps-order", weightNode, "\(stepPath).weight",
                          "step weights must increase: \(FieldReader.format(weight)) does not exceed the previous step's \(FieldReader.format(previous))")
                }
                if wholePercents && weight.rounded() != weight {
                    error("schema.steps-weight", weightNode, "\(stepPath).weight",
                          "state machine aliases route whole percents, but the weight is \(weight)", hint: "use an integer from 1 to 100")
                }
                previous = max(previous, weight)
                let pause = item["pauseSeconds"].flatMap { int($0, at: "\(stepPath).pauseSeconds", in: 0...86_400, unit: "seconds") } ?? 0
                steps.append(TrafficStep(weight: weight, pauseSeconds: pause))
            }
            return .steps(steps)
        }
        guard let name = string(node, at: path) else { return nil }
        guard let strategy = RolloutStrategy(name: name) else {
            let examples = ["AllAtOnce", "Canary10Percent5Minutes", "Linear10PercentEvery1Minute"]
            error("schema.strategy", node, path, "unknown rollout strategy '\(name)'",
                  hint: suggestion(for: name, among: examples).map { "did you mean '\($0)'?" }
                    ?? "use AllAtOnce, Canary<P>Percent<M>Minutes, Linear<P>PercentEvery<M>Minutes or {steps: [{weight, pauseSeconds}]}")
            return nil
        }
        switch strategy {
        case .canary(let percent, let minutes), .linear(let percent, let minutes):
            if !(1...99).contains(percent) {
                error("schema.strategy", node, path, "the traffic share in '\(name)' must be 1–99 percent, but is \(percent)")
                return nil
            }
            if !(1...1440).contains(minutes) {
                error("schema.strategy", node, path, "the interval in '\(name)' must be 1–1440 minutes, but is \(minutes)")
                return nil
            }
        case .allAtOnce, .steps:
            break
        }
        return strategy
    }

    /// Decodes `spec.rollout.healthGates`.
    mutating func healthGates(_ node: YAMLNode) -> HealthGates? {
        let path = "spec.rollout.healthGates"
        guard mapping(node, at: path, allowed: ["maxErrorRate", "maxP99LatencyMs", "minInvocations", "trafficPayload"]) != nil else { return nil }
        var gates = HealthGates()
        if let value = node["maxErrorRate"] {
            if let percent = value.double, percent > 1, percent <= 100 {
                error("schema.range", value, "\(path).maxErrorRate", "\(path).maxErrorRate must be within 0–1, but is \(value.text ?? "")",
                      hint: "maxErrorRate is a fraction: write \(FieldReader.format(percent / 100)) for \(FieldReader.format(percent))%")
            } else {
                gates.maxErrorRate = number(value, at: "\(path).maxErrorRate", in: 0...1)
            }
        }
        if let value = node["maxP99LatencyMs"] { gates.maxP99LatencyMs = int(value, at: "\(path).maxP99LatencyMs", in: 1...900_000, unit: "ms") }
        if let value = node["minInvocations"] { gates.minInvocations = int(value, at: "\(path).minInvocations", in: 0...1_000_000) ?? 0 }
        if let value = node["trafficPayload"] { gates.trafficPayload = json(value, at: "\(path).trafficPayload") }
        return gates
    }
}
