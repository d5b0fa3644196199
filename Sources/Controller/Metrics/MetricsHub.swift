import CoreMetrics
import Foundation
import Metrics
import Prometheus

/// The daemon's metrics: recorded through swift-metrics into a Prometheus registry of its own
/// (so two daemons in one test process never share counters), exposed as Prometheus text.
public final class MetricsHub: Sendable {
    /// The registry behind every metric.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory writing into `registry`.
    public let factory: PrometheusMetricsFactory

    /// Creates an empty registry with plumb's histogram buckets.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[MetricName.deploymentDuration] = [
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
            .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600), .seconds(1200), .seconds(1800),
        ]
        factory.durationHistogramBuckets[MetricName.fetchDuration] = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
    }

    /// The Prometheus text exposition (format 0.0.4), with a `# HELP` line for each of plumb's metrics.
    public func exposition() -> String {
        var lines: [Substring] = []
        let text = registry.emitToString()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst("# TYPE ".count).split(separator: " ").first.map(String.init) ?? ""
                if let help = MetricName.help[name] { lines.append(Substring("# HELP \(name) \(help)")) }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The names of plumb's metrics and what each measures.
public enum MetricName {
    /// Deployment attempts by outcome.
    public static let deployments = "plumb_deployments_total"
    /// Seconds from the start of an attempt to its end (rollback included).
    public static let deploymentDuration = "plumb_deployment_duration_seconds"
    /// Rollbacks by result.
    public static let rollbacks = "plumb_rollbacks_total"
    /// Resources that differ from the deployed commit.
    public static let drifted = "plumb_drifted_resources"
    /// Changes held by maintenance.
    public static let held = "plumb_held_changes"
    /// When a pass last left the environment converged (or held).
    public static let lastSync = "plumb_last_successful_sync_timestamp_seconds"
    /// Seconds a source fetch took.
    public static let fetchDuration = "plumb_source_fetch_duration_seconds"
    /// Failed source fetches.
    public static let fetchErrors = "plumb_source_fetch_errors_total"
    /// Rewritten histories (force pushes) seen.
    public static let rewrites = "plumb_source_history_rewrites_total"
    /// Passes that failed with an error.
    public static let reconcileErrors = "plumb_reconcile_errors_total"
    /// Deployments running now.
    public static let inProgress = "plumb_deployments_in_progress"
    /// Invocations of the environment's managed functions.
    public static let invocations = "plumb_function_invocations_total"
    /// Invocations of the environment's managed functions that ended in an error.
    public static let functionErrors = "plumb_function_errors_total"
    /// Webhook requests by response.
    public static let webhooks = "plumb_webhook_requests_total"

    /// `# HELP` texts.
    static let help: [String: String] = [
        deployments: "Deployment attempts by outcome (succeeded, rolled_back, rollback_failed, held, rejected, interrupted).",
        deploymentDuration: "Seconds from the start of a deployment attempt to its end, rollback included.",
        rollbacks: "Rollbacks of failed or interrupted deployments, by result (succeeded, failed).",
        drifted: "Resources whose live state differs from the deployed commit after the last pass.",
        held: "Changes held back by maintenance (paused, freeze window, blocked) after the last pass.",
        lastSync: "Unix time at which a pass last left the environment converged on its source (or every change held).",
        fetchDuration: "Seconds a fetch of the controller's source branch took.",
        fetchErrors: "Fetches of the controller's source that failed.",
        rewrites: "Times the followed branch no longer contained the commit seen before (force push).",
        reconcileErrors: "Passes that ended with an error (fetch, desired state, cloud, lock), by kind.",
        inProgress: "Deployments running now (0 or 1 per controller).",
        invocations: "Invocations of the environment's managed functions, as the environment's metrics count them.",
        functionErrors: "Invocations of the environment's managed functions that ended in a function error.",
        webhooks: "Webhook requests to /hooks/git, by HTTP status.",
    ]
}
