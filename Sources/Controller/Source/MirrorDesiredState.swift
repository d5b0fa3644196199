import DesiredState
import Foundation
import Git
import Reconcile

/// Desired state read from a controller's mirror: the head found by this pass's fetch, and any
/// earlier commit (the last good one, for rollback), for the controller's environment.
///
/// Loading goes through one `DesiredStateLoader` per controller, whose cache makes the next
/// commit cost little more than listing its files.
struct MirrorDesiredState: DesiredStateSource {
    let repository: Repository
    let loader: DesiredStateLoader
    let head: SourceHead
    let path: String?
    let environment: String

    func requestedCommit() async throws -> CommitInfo? {
        CommitInfo(id: head.commit, author: head.author, message: head.summary)
    }

    func requested(region: String?) async throws -> (state: DesiredState, commit: CommitInfo?) {
        let loaded = try await commit(head.commit, region: region)
        return (loaded.state, loaded.commit)
    }

    func commit(_ id: String, region: String?) async throws -> (state: DesiredState, commit: CommitInfo) {
        let objectID: ObjectID
        do {
            objectID = try repository.resolve(id)
        } catch let error as GitError {
            throw LoadError(.revision, "commit \(id.prefix(7)) is not in the controller's mirror \(repository.gitDirectory): \(error.message). \(error.advice)")
        }
        let result = try loader.load(repository: repository, revision: objectID.hex, path: path, environment: environment, region: region)
        let state = try result.validState()
        let commit = try repository.commit(objectID)
        return (state, CommitInfo(id: objectID.hex, author: "\(commit.author.name) <\(commit.author.email)>", message: commit.summary))
    }
}
