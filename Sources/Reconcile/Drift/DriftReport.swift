import DesiredState
import Foundation

/// How the live environment differs from the last deployed commit.
///
/// `modified` resources differ field by field; `missing` ones are desired but absent;
/// `orphaned` ones are managed by plumb but no longer desired (apply would delete them);
/// `unmanaged` ones exist without plumb's tag and are not desired (plumb never touches them);
/// `held` are differences maintenance holds back (pending, not drift).
public struct DriftReport: Sendable {
    /// The revision compared against (the last deployed commit).
    public var revision: Revision
    /// The environment, account and region.
    public var target: DeploymentTarget
    /// The environment's time of the check.
    public var checkedAt: Date
    /// Resources whose fields differ, with the diffs.
    public var modified: [PlannedChange]
    /// Desired resources that do not exist.
    public var missing: [ResourceID]
    /// Managed resources that are not desired.
    public var orphaned: [ResourceID]
    /// Resources that are neither managed nor desired.
    public var unmanaged: [ResourceID]
    /// Differences held by maintenance (pending).
    public var held: [HeldChange]

    /// Creates a report.
    public init(revision: Revision, target: DeploymentTarget, checkedAt: Date, modified: [PlannedChange], missing: [ResourceID],
                orphaned: [ResourceID], unmanaged: [ResourceID], held: [HeldChange]) {
        self.revision = revision
        self.target = target
        self.checkedAt = checkedAt
        self.modified = modified
        self.missing = missing
        self.orphaned = orphaned
        self.unmanaged = unmanaged
        self.held = held
    }

    /// Whether anything drifted (held differences are pending, not drift).
    public var hasDrift: Bool {
        !modified.isEmpty || !missing.isEmpty || !orphaned.isEmpty || !unmanaged.isEmpty
    }

    /// `2 modified, 0 missing, 0 orphaned, 1 unmanaged, 0 held`.
    public var summary: String {
        "\(modified.count) modified, \(missing.count) missing, \(orphaned.count) orphaned, \(unmanaged.count) unmanaged, \(held.count) held"
    }
}

/// Computes drift: a pure function of the last deployed desired state and the live state.
public enum Drift {
    /// The drift of `live` from `desired` at environment time `now`.
    ///
    /// Uses the planner's comparison (so drift and plan never disagree) with pruning on:
    /// updates are `modified`, creates `missing`, deletions `orphaned`; maintenance holds stay
    /// `held`. Live resources whose details were not read are compared on what was listed.
    public static func report(desired: DesiredState, live: LiveState, now: Date) -> DriftReport {
        let plan = Planner.plan(desired: desired, live: live, now: now, options: PlanOptions(prune: true))
        var modified: [PlannedChange] = []
        var missing: [ResourceID] = []
        var orphaned: [ResourceID] = []
        for change in plan.changes {
            switch change.action {
            case .update: modified.append(change)
            case .create: missing.append(change.resource)
            case .delete: orphaned.append(change.resource)
            }
        }
        return DriftReport(revision: desired.revision, target: desired.target, checkedAt: now, modified: modified,
                           missing: missing, orphaned: orphaned, unmanaged: plan.unmanaged, held: plan.held)
    }
}
