import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// No input crashes or hangs the loader: random bytes, truncated files and deep nesting all end
/// in diagnostics.
struct RobustnessTests {
    /// A small deterministic generator, so failures can be reproduced.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }

        mutating func bytes(_ count: Int, from alphabet: [UInt8]) -> [UInt8] {
            (0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
        }
    }

    @Test(arguments: 0..<12)
    func randomAndTruncatedInput_endsInDiagnostics(seed: Int) throws {
        var generator = Generator(state: UInt64(seed) &+ 17)
        let yamlAlphabet = Array("abc:-[]{}&*!|>'\"#%@ \n\t0129.,?".utf8) + [0xC3, 0xFF, 0x00]
        var content = RepositoryContent()
        let cut = Int(generator.next() % UInt64(Baseline.function.utf8.count))
        content.files["manifests/function.yaml"] = String(decoding: Array(Baseline.function.utf8.prefix(cut)), as: UTF8.self)
        content.binary["manifests/noise.yaml"] = generator.bytes(400, from: yamlAlphabet)
        content.binary["flows/hello.asl.json"] = Array(Baseline.definition.utf8.prefix(Int(generator.next() % 300))) + generator.bytes(40, from: yamlAlphabet)
        let directory = try TemporaryDirectory()
        let fixture = try content.commit(in: directory)
        let result = try loadBoth(fixture)
        #expect(result.hasErrors)
    }

    @Test func deepNesting_isRefusedNotOverflowed() throws {
        let depth = 5000
        var content = RepositoryContent()
        content.files["manifests/deep.yaml"] = "apiVersion: plumb.dev/v1\nkind: Policy\nmetadata: {name: deep}\nspec:\n  document: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        content.files["flows/hello.asl.json"] = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let directory = try TemporaryDirectory()
        let result = try loadBoth(try content.commit(in: directory))
        #expect(result.diagnostics.contains { $0.code == "yaml.depth-limit" && $0.location.file == "manifests/deep.yaml" })
        #expect(result.diagnostics.contains { $0.location.file == "flows/hello.asl.json" })
    }
}
