extension DefinitionReader {
    mutating func errorEquals(_ object: JSONObject, at location: String) -> [String]? {
        guard case .array(let values)? = object["ErrorEquals"], !values.isEmpty else {
            report(location, "These fields are required: [ErrorEquals] (a non-empty array of error names)")
            return nil
        }
        let names = values.compactMap(\.stringValue)
        guard names.count == values.count else {
            report("\(location)/ErrorEquals", "ErrorEquals must contain only strings")
            return nil
        }
        if names.contains(StatesErrorName.all) && names.count > 1 {
            report("\(location)/ErrorEquals", "States.ALL must appear alone in ErrorEquals")
        }
        return names
    }

    mutating func readRetriers(_ object: JSONObject, at location: String) -> [Retrier] {
        guard let value = object["Retry"] else { return [] }
        guard case .array(let entries) = value else {
            report("\(location)/Retry", "Retry must be an array")
            return []
        }
        var retriers: [Retrier] = []
        for (index, entry) in entries.enumerated() {
            let entryLocation = "\(location)/Retry/\(index)"
            guard case .object(let retry) = entry else {
                report(entryLocation, "A retrier must be a JSON object")
                continue
            }
            checkFields(retry, allowed: ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"], at: entryLocation)
            guard let names = errorEquals(retry, at: entryLocation) else { continue }
            if names.contains(StatesErrorName.all) && index != entries.count - 1 {
                report(entryLocation, "A retrier with States.ALL must be the last retrier")
            }
            var backoff = 2.0
            if let rate = retry["BackoffRate"] {
                if let number = rate.doubleValue, number >= 1.0 { backoff = number } else {
                    report("\(entryLocation)/BackoffRate", "BackoffRate must be a number of at least 1.0")
                }
            }
            var jitter = Retrier.Jitter.none
            if let strategy = string(retry, "JitterStrategy", at: entryLocation) {
                switch strategy {
                case "FULL": jitter = .full
                case "NONE": jitter = .none
                default: report("\(entryLocation)/JitterStrategy", "JitterStrategy must be FULL or NONE")
                }
            }
            retriers.append(Retrier(
                errorEquals: names,
                intervalSeconds: Double(integer(retry, "IntervalSeconds", at: entryLocation, range: 1...99_999_999) ?? 1),
                maxAttempts: integer(retry, "MaxAttempts", at: entryLocation, range: 0...99_999_999) ?? 3,
                backoffRate: backoff,
                maxDelaySeconds: integer(retry, "MaxDelaySeconds", at: entryLocation, range: 1...31_622_401).map(Double.init),
                jitter: jitter))
        }
        return retriers
    }

    mutating func readCatchers(_ object: JSONObject, at location: String, names: [String: Int]) -> [Catcher] {
        guard let value = object["Catch"] else { return [] }
        guard case .array(let entries) = value else {
            report("\(location)/Catch", "Catch must be an array")
            return []
        }
        var catchers: [Catcher] = []
        for (index, entry) in entries.enumerated() {
            let entryLocation = "\(location)/Catch/\(index)"
            guard case .object(let catcher) = entry else {
                report(entryLocation, "A catcher must be a JSON object")
                continue
            }
            checkFields(catcher, allowed: ["ErrorEquals", "Next", "ResultPath", "Comment"], at: entryLocation)
            guard let errors = errorEquals(catcher, at: entryLocation) else { continue }
            if errors.contains(StatesErrorName.all) && index != entries.count - 1 {
                report(entryLocation, "A catcher with States.ALL must be the last catcher")
            }
            guard let target = catcher["Next"] else {
                report(entryLocation, "These fields are required: [Next]")
                continue
            }
            let placement = resultPlacement(catcher, at: entryLocation)
            guard let next = resolve(target, at: "\(entryLocation)/Next", names: names) else { continue }
            catchers.append(Catcher(errorEquals: errors, resultPath: placement, next: next))
        }
        return catchers
    }
}
