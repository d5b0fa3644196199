import StatesLanguage

/// Differences between two IAM policy documents, after `PolicyNormalizer`.
///
/// Statements are matched by `Sid` when both sides give one (diffs inside show as
/// `Statement[Sid].Action`); other statements are compared as a set, so a statement added or
/// removed is one diff at `Statement` and never shifts the others.
enum PolicyDiff {
    /// The differences below `prefix` (`trust`, `document`, `inline.logs`).
    static func differences(_ desired: JSONValue, _ live: JSONValue, at prefix: String) -> [JSONDiff.Difference] {
        let left = PolicyNormalizer.normalize(desired)
        let right = PolicyNormalizer.normalize(live)
        if left == right { return [] }
        guard case .object(var leftObject) = left, case .object(var rightObject) = right,
              case .array(let leftStatements)? = leftObject["Statement"],
              case .array(let rightStatements)? = rightObject["Statement"] else {
            return JSONDiff.differences(left, right, at: prefix, wholeArrays: true)
        }
        leftObject["Statement"] = nil
        rightObject["Statement"] = nil
        var result = JSONDiff.differences(.object(leftObject), .object(rightObject), at: prefix, wholeArrays: true)
        result += statementDifferences(leftStatements, rightStatements, at: JSONDiff.member(prefix, "Statement"))
        return result
    }

    private static func statementDifferences(_ desired: [JSONValue], _ live: [JSONValue], at path: String) -> [JSONDiff.Difference] {
        var result: [JSONDiff.Difference] = []
        var liveBySid: [String: JSONValue] = [:]
        for statement in live {
            if let sid = statement["Sid"]?.stringValue { liveBySid[sid] = statement }
        }
        var matchedSids = Set<String>()
        var unmatchedDesired: [JSONValue] = []
        for statement in desired {
            if let sid = statement["Sid"]?.stringValue, let other = liveBySid[sid] {
                matchedSids.insert(sid)
                result += JSONDiff.differences(statement, other, at: "\(path)[\(sid)]", wholeArrays: true)
            } else {
                unmatchedDesired.append(statement)
            }
        }
        let unmatchedLive = live.filter { statement in
            guard let sid = statement["Sid"]?.stringValue else { return true }
            return !matchedSids.contains(sid)
        }
        let liveSet = Set(unmatchedLive)
        let desiredSet = Set(unmatchedDesired)
        for statement in unmatchedDesired where !liveSet.contains(statement) {
            result.append(JSONDiff.Difference(path: path, desired: statement, live: nil))
        }
        for statement in unmatchedLive where !desiredSet.contains(statement) {
            result.append(JSONDiff.Difference(path: path, desired: nil, live: statement))
        }
        return result
    }
}
