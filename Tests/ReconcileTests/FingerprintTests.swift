import DesiredState
import Foundation
import PlumbTesting
@testable import Reconcile
import Testing

/// Desired fingerprints are written to the verification cache and read by later runs: the
/// function fingerprint fed field by field must equal the one over `DesiredFields`.
@Suite struct FingerprintTests {
    static let manifests = """
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: exec}
        spec:
          trust: {service: lambda.amazonaws.com}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: bare}
        spec:
          runtime: python3.11
          handler: app.handler
          code: code
          role: exec
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: full}
        spec:
          runtime: python3.12
          handler: app.other
          code: code
          memoryMB: 512
          timeoutSeconds: 30
          description: "a \\"quoted\\" naïve description"
          role: exec
          environment: {LOG_LEVEL: INFO, DB_PASSWORD: hunter2, TABLE: orders}
          reservedConcurrency: 5
          alias: live
          tags: {team: payments, "cost center": "4/2", "plumb:managed": "false", "say \\"hi\\"": x}
        """

    /// Integers are mixed a word at a time at the start of an item: the same value as byte by byte.
    @Test(arguments: [Int64.min, -1, 0, 1, 9, 128, 0x7F_FFFF, 1 << 40, Int64.max])
    func integers_wordWise_equalByteWise(_ integer: Int64) {
        var wordWise = Fingerprint.Builder()
        var byteWise = Fingerprint.Builder()
        wordWise.add("memoryMB")
        byteWise.add("memoryMB")
        wordWise.add(integer: integer)
        byteWise.addIntegerBytewise(UInt64(bitPattern: integer))
        #expect(wordWise.value == byteWise.value)
        wordWise.add(integer: integer &+ 1)
        byteWise.addIntegerBytewise(UInt64(bitPattern: integer &+ 1))
        #expect(wordWise.value == byteWise.value)
    }

    /// Contiguous bytes are mixed a word at a time: the same value as byte by byte, for every
    /// length around a word's (files such as the verification cache are checked this way).
    @Test func contiguousBytes_wordWise_equalByteWise() {
        let bytes = (0..<41).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...bytes.count {
            var wordWise = Fingerprint.Builder()
            bytes.prefix(length).withUnsafeBufferPointer { wordWise.addBytes($0) }
            wordWise.end()
            var byteWise = Fingerprint.Builder()
            byteWise.addBytes(bytes.prefix(length).lazy.map { $0 })
            byteWise.end()
            #expect(wordWise.value == byteWise.value, "length \(length)")
        }
    }

    @Test func functionFingerprint_equalsTheFingerprintOverItsFields() throws {
        let folder = try TemporaryDirectory()
        let desired = try DesiredFixture.load(Self.manifests, in: folder)
        #expect(desired.functions.count == 2)
        for function in desired.functions {
            for shutdown in [false, true] {
                let resource = DesiredResource.function(function)
                #expect(Fingerprint.desired(resource, shutdown: shutdown) == Fingerprint.fieldwise(resource, shutdown: shutdown),
                        "\(function.name) shutdown \(shutdown)")
            }
        }
        // Fingerprint.addFields mirrors DesiredFields for functions: a field DesiredFields gains
        // must be added there too (and set in the fixture above), or a change to it would go unseen.
        let full = try #require(desired.functions.first { $0.name == "full" })
        let paths = DesiredFields.of(.function(full), shutdown: false).map(\.path)
        #expect(paths == [
            "runtime", "handler", "code", "memoryMB", "timeoutSeconds", "role", "description", "architectures", "ephemeralStorageMB",
            "environment.DB_PASSWORD", "environment.LOG_LEVEL", "environment.TABLE", "reservedConcurrency",
            "tags[\"cost center\"]", "tags.plumb:managed", "tags[\"say \\\"hi\\\"\"]", "tags.team", "alias",
        ], "DesiredFields lists another field: fingerprint it in Fingerprint.addFields(of:shutdown:) and set it in the fixture")
        let prints = Set(desired.functions.flatMap { function in
            [false, true].map { Fingerprint.desired(.function(function), shutdown: $0) }
        })
        #expect(prints.count == 4)
    }
}
