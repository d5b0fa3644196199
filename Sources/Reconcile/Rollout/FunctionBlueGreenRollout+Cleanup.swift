import Cloud
import DesiredState
import Foundation

extension FunctionBlueGreenRollout {
    /// After promotion: lists the versions to remove those beyond `keepVersions` that no alias
    /// uses (a function just created has only its first).
    mutating func startCleanup() -> RolloutStep {
        guard policy.collectVersions, live != nil else {
            phase = .done
            return .finished
        }
        phase = .cleanupListed
        return .perform(.listVersions(name: target.name))
    }

    /// Chooses the versions to remove: all but the newest `keepVersions`, the green one and
    /// every version an alias routes to.
    mutating func planCleanup(_ outcome: ActionOutcome?) -> RolloutStep {
        guard case .versions(let versions, let aliases)? = outcome?.result else {
            phase = .done
            return .finished
        }
        doomedVersions = FunctionVersionCollection.doomed(versions: versions, aliases: aliases,
                                                          keep: target.keepVersions, protecting: green)
        phase = .cleanup
        return next(after: nil)
    }
}

/// Which published versions of a function may go: a pure function of its versions and aliases.
public enum FunctionVersionCollection {
    /// Version numbers to delete, oldest first: every published version except the newest
    /// `keep`, `protecting`, and those any alias routes to.
    public static func doomed(versions: [FunctionConfiguration], aliases: [FunctionAlias], keep: Int, protecting: String?) -> [String] {
        var referenced = Set<String>()
        for alias in aliases {
            referenced.insert(alias.functionVersion)
            for key in alias.routingConfig?.additionalVersionWeights.keys ?? [:].keys { referenced.insert(key) }
        }
        if let protecting { referenced.insert(protecting) }
        let published = versions.compactMap { configuration -> Int? in
            if case .number(let number) = configuration.version { return number }
            return nil
        }.sorted(by: >)
        let kept = Set(published.prefix(max(keep, 0)))
        return published.reversed().filter { !kept.contains($0) && !referenced.contains(String($0)) }.map(String.init)
    }
}
