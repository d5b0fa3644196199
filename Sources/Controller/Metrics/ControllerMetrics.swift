import CoreMetrics
import Foundation
import Metrics

/// One controller's metrics, labelled `controller` and `environment`.
public struct ControllerMetrics: Sendable {
    let factory: any MetricsFactory
    let labels: [(String, String)]
    let fetchDuration: CoreMetrics.Timer
    let fetchErrors: CoreMetrics.Counter
    let rewrites: CoreMetrics.Counter
    let deploymentDuration: CoreMetrics.Timer
    let drifted: CoreMetrics.Gauge
    let held: CoreMetrics.Gauge
    let lastSync: CoreMetrics.Gauge
    let inProgress: CoreMetrics.Gauge
    let functionCounts = LockedBox<[String: (invocations: CoreMetrics.Counter, errors: CoreMetrics.Counter)]>([:])

    /// The metrics of controller `name` deploying `environment`, written through `hub`.
    public init(hub: MetricsHub, name: String, environment: String) {
        factory = hub.factory
        labels = [("controller", name), ("environment", environment)]
        fetchDuration = CoreMetrics.Timer(label: MetricName.fetchDuration, dimensions: labels, factory: factory)
        fetchErrors = CoreMetrics.Counter(label: MetricName.fetchErrors, dimensions: labels, factory: factory)
        rewrites = CoreMetrics.Counter(label: MetricName.rewrites, dimensions: labels, factory: factory)
        deploymentDuration = CoreMetrics.Timer(label: MetricName.deploymentDuration, dimensions: labels, factory: factory)
        drifted = CoreMetrics.Gauge(label: MetricName.drifted, dimensions: labels, factory: factory)
        held = CoreMetrics.Gauge(label: MetricName.held, dimensions: labels, factory: factory)
        lastSync = CoreMetrics.Gauge(label: MetricName.lastSync, dimensions: labels, factory: factory)
        inProgress = CoreMetrics.Gauge(label: MetricName.inProgress, dimensions: labels, factory: factory)
        drifted.record(0)
        held.record(0)
        inProgress.record(0)
        for outcome in DeploymentOutcomeLabel.allCases {
            _ = deployments(outcome)
        }
        for result in ["succeeded", "failed"] { _ = rollbacks(result) }
        for kind in ReconcileErrorKind.allCases { _ = reconcileErrors(kind) }
    }

    /// Deployment attempts that ended with `outcome`.
    func deployments(_ outcome: DeploymentOutcomeLabel) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: MetricName.deployments, dimensions: labels + [("outcome", outcome.rawValue)], factory: factory)
    }

    /// Rollbacks that ended with `result` (`succeeded`, `failed`).
    func rollbacks(_ result: String) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: MetricName.rollbacks, dimensions: labels + [("result", result)], factory: factory)
    }

    /// Passes that failed with an error of `kind`.
    func reconcileErrors(_ kind: ReconcileErrorKind) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: MetricName.reconcileErrors, dimensions: labels + [("kind", kind.rawValue)], factory: factory)
    }

    /// Adds invocations and errors of `function` counted since the last call.
    func addFunctionCounts(_ function: String, invocations: Int, errors: Int) {
        let counters = functionCounts.withValue { table in
            if let existing = table[function] { return existing }
            let dimensions = labels + [("function", function)]
            let made = (CoreMetrics.Counter(label: MetricName.invocations, dimensions: dimensions, factory: factory),
                        CoreMetrics.Counter(label: MetricName.functionErrors, dimensions: dimensions, factory: factory))
            table[function] = made
            return made
        }
        if invocations > 0 { counters.invocations.increment(by: invocations) }
        if errors > 0 { counters.errors.increment(by: errors) }
    }
}

/// The `outcome` label of `plumb_deployments_total`.
public enum DeploymentOutcomeLabel: String, Sendable, CaseIterable {
    /// Every change applied.
    case succeeded
    /// A step failed; everything undone.
    case rolledBack = "rolled_back"
    /// A step failed and undoing failed too.
    case rollbackFailed = "rollback_failed"
    /// Every change held by maintenance.
    case held
    /// The desired state was rejected before anything changed.
    case rejected
    /// Stopped by a newer commit or by shutdown, and undone.
    case interrupted
}

/// The `kind` label of `plumb_reconcile_errors_total`.
public enum ReconcileErrorKind: String, Sendable, CaseIterable {
    /// The source could not be fetched.
    case fetch
    /// The desired state could not be loaded.
    case desiredState = "desired_state"
    /// The cloud failed (after the executor's own retries).
    case cloud
    /// Another applier held the environment's lock.
    case lock
    /// Anything else.
    case other
}
