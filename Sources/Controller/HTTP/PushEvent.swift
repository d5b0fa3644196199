import Foundation

/// A push as GitHub, Gitea and GitLab describe it: which repository, which branch, which commit.
public struct PushEvent: Sendable, Hashable {
    /// Every address the payload gives for the repository (clone, ssh, web).
    public var repositoryURLs: [String]
    /// The full ref pushed (`refs/heads/main`), nil for events without one (e.g. GitHub's ping).
    public var ref: String?
    /// The commit the ref now points at, when given.
    public var after: String?

    /// Creates an event.
    public init(repositoryURLs: [String], ref: String?, after: String?) {
        self.repositoryURLs = repositoryURLs
        self.ref = ref
        self.after = after
    }

    /// The branch pushed, nil for tags or no ref.
    public var branch: String? {
        guard let ref, ref.hasPrefix("refs/heads/") else { return nil }
        return String(ref.dropFirst("refs/heads/".count))
    }

    /// Why a body is not a push payload.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// Reads the fields plumb needs from a push payload (GitHub/Gitea `repository.clone_url`,
    /// `ssh_url`, `html_url`, `git_url`; GitLab `project.git_http_url`, `git_ssh_url`, `web_url`,
    /// `repository.git_http_url`, `repository.url`).
    public static func parse(_ body: [UInt8]) throws -> PushEvent {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw Malformed(description: "the body is not JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw Malformed(description: "the body is JSON but not an object") }
        var urls: [String] = []
        let urlKeys = ["clone_url", "ssh_url", "git_url", "html_url", "url", "git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url_to_repo", "http_url_to_repo"]
        for section in ["repository", "project"] {
            guard let fields = root[section] as? [String: Any] else { continue }
            for key in urlKeys {
                if let url = fields[key] as? String, !url.isEmpty, !urls.contains(url) { urls.append(url) }
            }
        }
        return PushEvent(repositoryURLs: urls, ref: root["ref"] as? String, after: root["after"] as? String)
    }

    /// Whether this push concerns `source`'s repository and branch.
    public func matches(_ source: SourceSpec) -> Bool {
        guard branch == source.branch else { return false }
        let wanted = RepositoryURL.normalize(source.url)
        return repositoryURLs.contains { RepositoryURL.normalize($0) == wanted }
    }
}
