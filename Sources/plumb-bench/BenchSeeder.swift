import CloudSim
import DesiredState
import Foundation
import Git
import Reconcile

/// Populates a simulated cloud with a desired state as a converged deployment leaves it: every
/// resource tagged `plumb:managed`, version 1 behind each alias, reserved concurrency set.
/// Writes straight through the simulator's API (rate limits off while it runs).
enum BenchSeeder {
    /// Seeds `stateDirectory` with the desired state of `revision`; answers how many resources.
    static func seed(repo: String, revision: String, stateDirectory: String) async throws -> Int {
        let repository = try Repository.open(path: repo)
        let desired = try DesiredStateLoader().load(repository: repository, revision: revision).validState()
        let cloud = try SimCloud(stateDirectory: stateDirectory)
        let provider = try cloud.provider(account: desired.target.account, region: desired.target.region)
        try await cloud.setRateLimits(enabled: false)
        let count = try await ConvergedSeeder.seed(desired, into: provider)
        try await cloud.setRateLimits(enabled: true)
        await cloud.shutdown()
        return count
    }
}
