import Foundation
import Spawn
import StatesLanguage
import Testing

/// Runs every definition of `Corpus/` in moto and in plumb's interpreter and requires the same
/// status, output and error name — or, for the cases listed in `Corpus/KNOWN-DIFFERENCES.md`,
/// the documented Step Functions behaviour in `<case>.expected.json`.
@Suite struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static let motoAvailable: Bool = {
        let probe = try? Spawn.run("python3", ["-c", "import boto3, moto"], timeout: 120)
        return probe?.status == 0
    }()

    static func caseNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".asl.json") }
            .map { String($0.dropLast(".asl.json".count)) }
            .sorted()
    }

    static func load(_ name: String, _ suffix: String) throws -> JSONValue? {
        let url = corpus.appendingPathComponent(name + suffix)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONValue(parsing: try Data(contentsOf: url))
    }

    /// Runs a case with the names `run_moto.py` gives it (state machine `corpus`, execution `case`).
    static func run(_ definition: JSONValue, input: JSONValue) async throws -> ExecutionResult {
        let clock = VirtualClock()
        let identity = ExecutionIdentity.standard(
            stateMachineName: "corpus", executionName: "case", input: input,
            roleARN: "arn:aws:iam::123456789012:role/corpus-role", startTime: clock.now())
        let execution = Execution(
            definition: try StateMachineDefinition(definition), identity: identity,
            environment: ExecutionEnvironment(invoker: FunctionTable(), clock: clock, random: RandomSource(seed: 1)))
        return await execution.run()
    }

    @Test func corpus_hasAtLeastFortyCasesEachWithInput() throws {
        let names = try Self.caseNames()
        #expect(names.count >= 40)
        for name in names { #expect(try Self.load(name, ".input.json") != nil, "\(name) has no input file") }
    }

    @Test(.enabled(if: CorpusTests.motoAvailable, "python3 cannot import moto and boto3; scripts/test installs them with pip"))
    func corpus_interpreterMatchesMotoOrDocumentedStepFunctionsBehaviour() async throws {
        let script = Self.corpus.appendingPathComponent("run_moto.py").path
        let run = try Spawn.run("python3", [script, Self.corpus.path], timeout: 1200)
        try #require(run.status == 0, "run_moto.py failed: \(run.stderrText.suffix(2000))")
        let moto = try JSONValue(parsing: run.stdout)
        for name in try Self.caseNames() {
            let definition = try #require(try Self.load(name, ".asl.json"))
            let input = try Self.load(name, ".input.json") ?? [:]
            let ours = try await Self.run(definition, input: input)
            let documented = try Self.load(name, ".expected.json")
            let reference = try #require(documented ?? moto[name], "moto reported nothing for \(name)")
            let source = documented == nil ? "moto" : "\(name).expected.json"
            #expect(ours.status.rawValue == reference["status"]?.stringValue, "\(name): status \(ours.status.rawValue) vs \(source) \(reference["status"] ?? .null) (\(ours.error ?? ""): \(ours.cause ?? ""))")
            #expect((ours.output ?? .null) == (reference["output"] ?? .null), "\(name): output \(ours.output ?? .null) vs \(source) \(reference["output"] ?? .null)")
            if ours.status == .failed {
                #expect(ours.error == reference["error"]?.stringValue, "\(name): error \(ours.error ?? "nil") vs \(source) \(reference["error"] ?? .null)")
            }
            if documented != nil, let motoResult = moto[name] {
                let motoAgrees = motoResult["status"] == reference["status"] && (motoResult["output"] ?? .null) == (reference["output"] ?? .null)
                    && (reference["status"] != "FAILED" || motoResult["error"] == reference["error"])
                #expect(!motoAgrees, "\(name): moto now agrees with the documented behaviour; remove it from KNOWN-DIFFERENCES.md")
            }
        }
    }
}
