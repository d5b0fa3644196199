import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, markdown
}

/// Options shared by the commands that read desired state or act on an environment.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Desired-state repository: a local path or a URL (file://, git://, https://, ssh).")
    var repo: String = "."

    @Option(name: .long, help: "Branch, tag, commit id or HEAD~N to read.")
    var ref: String = "HEAD"

    @Option(name: .long, help: "Sub-path of the repository that holds the manifests.")
    var path: String?

    @Option(name: .long, help: "Environment manifest to apply (account, region, patches).")
    var env: String?

    @Option(name: .customLong("state-dir"), help: "Folder for plumb's state: ledger, simulated cloud, clones.")
    var stateDir: String = ".plumb"

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var output: OutputFormat = .text
}
