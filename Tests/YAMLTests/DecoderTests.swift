import Foundation
import Testing
@testable import YAML

/// A manifest shaped like plumb's Function manifests.
private struct Manifest: Decodable, Equatable {
    struct Metadata: Decodable, Equatable {
        var name: String
        var labels: [String: String]?
    }

    struct Spec: Decodable, Equatable {
        var memoryMB: Int
        var timeoutSeconds: UInt16?
        var handler: String
        var environment: [String: String]?
        var rollout: Rollout
        var dependsOn: [String]?
        var enabled: Bool?
    }

    struct Rollout: Decodable, Equatable {
        var strategy: String
        var healthGates: HealthGates
    }

    struct HealthGates: Decodable, Equatable {
        var maxErrorRate: Double
        var maxP99LatencyMs: Int?
    }

    var apiVersion: String
    var kind: String
    var metadata: Metadata
    var spec: Spec
}

private let manifest = """
apiVersion: plumb.dev/v1
kind: Function
metadata: {name: deployer, labels: {team: core}}
spec:
  memoryMB: MEMORY
  handler: app.handler
  environment: {LOG_LEVEL: INFO, FLAG: "true"}
  rollout:
    strategy: Canary10Percent5Minutes
    healthGates:
      maxErrorRate: RATE
      maxP99LatencyMs: 3000
  dependsOn: [health-checker]
"""

private func decodeManifest(memory: String = "512", rate: String = "0.01") throws -> Manifest {
    let text = manifest.replacingOccurrences(of: "MEMORY", with: memory).replacingOccurrences(of: "RATE", with: rate)
    return try YAMLDecoder().decode(Manifest.self, from: Array(text.utf8), file: "fn.yaml")
}

@Suite struct DecoderTests {
    @Test func wellFormedManifest_decodesEveryField() throws {
        let value = try decodeManifest()
        #expect(value.metadata.labels == ["team": "core"])
        #expect(value.spec.memoryMB == 512)
        #expect(value.spec.environment == ["LOG_LEVEL": "INFO", "FLAG": "true"])
        #expect(value.spec.rollout.healthGates.maxErrorRate == 0.01)
        #expect(value.spec.rollout.healthGates.maxP99LatencyMs == 3000)
        #expect(value.spec.dependsOn == ["health-checker"])
        #expect(value.spec.timeoutSeconds == nil)
    }

    @Test func quotedNumber_isATypeErrorWithPositionPathAndHint() {
        let error = expectYAMLError { _ = try decodeManifest(memory: "\"512\"") }
        check(error, .typeMismatch, line: 5, column: 13, contains: "expected an integer, found the quoted string \"512\"; remove the quotes")
        #expect(error?.path == "spec.memoryMB")
        #expect(error?.description == "fn.yaml:5:13: expected an integer, found the quoted string \"512\"; remove the quotes to write a number (at spec.memoryMB)")
    }

    @Test func wrongTypeDeepInside_namesTheFullKeyPath() {
        let error = expectYAMLError { _ = try decodeManifest(rate: "high") }
        check(error, .typeMismatch, line: 11, column: 21, contains: "expected a number, found the string 'high'")
        #expect(error?.path == "spec.rollout.healthGates.maxErrorRate")
    }

    @Test func fractionForAnInteger_andOutOfRange_areErrors() {
        let fraction = expectYAMLError { _ = try decodeManifest(memory: "1.5") }
        check(fraction, .typeMismatch, line: 5, column: 13, contains: "expected an integer, found the number 1.5")
        let huge = expectYAMLError { _ = try decodeManifest(memory: "99999999999999999999") }
        check(huge, .invalidValue, line: 5, column: 13, contains: "out of range")
        let narrow = expectYAMLError {
            _ = try YAMLDecoder().decode([String: UInt8].self, from: try parseOne("a: 300\n"))
        }
        check(narrow, .invalidValue, line: 1, column: 4, contains: "out of range (0...255)")
    }

    @Test func numbersDecodeFromEveryCoreForm() throws {
        let node = try parseOne("a: 0x10\nb: 0o17\nc: 7\nd: .inf\ne: -3\n")
        let ints = try YAMLDecoder().decode([String: Double].self, from: node)
        #expect(ints == ["a": 16, "b": 15, "c": 7, "d": .infinity, "e": -3])
        #expect(try YAMLDecoder().decode(Int64.self, from: node["a"]!) == 16)
        #expect(try YAMLDecoder().decode(Float.self, from: node["c"]!) == 7)
    }

    @Test func yesIsNotABoolean_andNumbersAreNotStrings() {
        let yes = expectYAMLError { _ = try YAMLDecoder().decode([String: Bool].self, from: try parseOne("enabled: yes\n")) }
        check(yes, .typeMismatch, line: 1, column: 10, contains: "only true and false are booleans")
        let quoted = expectYAMLError { _ = try YAMLDecoder().decode([String: Bool].self, from: try parseOne("enabled: \"true\"\n")) }
        check(quoted, .typeMismatch, line: 1, column: 10, contains: "remove the quotes to write a boolean")
        let number = expectYAMLError { _ = try YAMLDecoder().decode([String: String].self, from: try parseOne("port: 80\n")) }
        check(number, .typeMismatch, line: 1, column: 7, contains: "expected a string, found the integer 80; put it in quotes")
        #expect(number?.path == "port")
    }

    @Test func missingRequiredField_pointsAtTheMappingAndNamesTheField() {
        let error = expectYAMLError {
            _ = try YAMLDecoder().decode(Manifest.HealthGates.self, from: try parseOne("x: 1\ngates:\n  maxP99LatencyMs: 5\n")["gates"]!)
        }
        check(error, .missingKey, line: 3, column: 3, contains: "missing required field 'maxErrorRate'")
        #expect(error?.path == "maxErrorRate")
    }

    @Test func nullAndEmptyValues_decodeAsNilForOptionals() throws {
        struct Gates: Decodable { var a: Int?; var b: Int?; var c: Int?; var d: [Int?] }
        let value = try YAMLDecoder().decode(Gates.self, from: try parseOne("a: ~\nb:\nd: [1, null, ~]\n"))
        #expect(value.a == nil && value.b == nil && value.c == nil)
        #expect(value.d == [1, nil, nil])
        let required = expectYAMLError { _ = try YAMLDecoder().decode([String: String].self, from: try parseOne("k: ~\n")) }
        check(required, .typeMismatch, line: 1, column: 4, contains: "expected a string, found null")
    }

    @Test func sequenceErrors_useIndexesInThePath() {
        let error = expectYAMLError {
            _ = try YAMLDecoder().decode([String: [[Int]]].self, from: try parseOne("steps:\n  - [1, 2]\n  - [3, x]\n"))
        }
        check(error, .typeMismatch, line: 3, column: 9, contains: "expected an integer, found the string 'x'")
        #expect(error?.path == "steps[1][1]")
    }

    @Test func mappingWhereAListIsExpected_saysSo() {
        let error = expectYAMLError { _ = try YAMLDecoder().decode([String: [String]].self, from: try parseOne("dependsOn: {a: b}\n")) }
        check(error, .typeMismatch, line: 1, column: 12, contains: "expected a list, found a mapping")
    }

    @Test func nodeProperties_receiveTheUntypedNode() throws {
        struct Policy: Decodable { var name: String; var document: YAMLNode }
        let value = try YAMLDecoder().decode(Policy.self, from: try parseOne("name: p\ndocument: {Version: \"2012-10-17\", Statement: []}\n"))
        #expect(value.document["Version"]?.string == "2012-10-17")
        #expect(value.document.mark == Mark(line: 2, column: 11))
    }

    @Test func errorsThrownByACustomInit_getThePositionOfTheirPath() {
        struct Strategy: Decodable {
            init(from decoder: any Decoder) throws {
                let text = try decoder.singleValueContainer().decode(String.self)
                if text != "AllAtOnce" {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown strategy '\(text)'"))
                }
            }
        }
        struct Rollout: Decodable { var strategy: Strategy }
        let error = expectYAMLError { _ = try YAMLDecoder().decode([String: Rollout].self, from: try parseOne("fn:\n  strategy: Sometimes\n")) }
        check(error, .invalidValue, line: 2, column: 13, contains: "unknown strategy 'Sometimes'")
        #expect(error?.path == "fn.strategy")
    }

    @Test func userInfo_reachesCustomInits() throws {
        let key = try #require(CodingUserInfoKey(rawValue: "environment"))
        struct Probe: Decodable {
            var seen: String
            init(from decoder: any Decoder) throws {
                seen = decoder.userInfo[CodingUserInfoKey(rawValue: "environment")!] as? String ?? "none"
            }
        }
        let decoder = YAMLDecoder(userInfo: [key: "production"])
        #expect(try decoder.decode(Probe.self, from: try parseOne("a: 1")).seen == "production")
    }

    @Test func nodeDecodedByAnotherDecoder_buildsTheSameTreeWithoutPositions() throws {
        let json = Data(#"{"a": [1, true, null, "x"], "b": {"c": 2.5}}"#.utf8)
        let node = try JSONDecoder().decode(YAMLNode.self, from: json)
        #expect(node["a"]?[0]?.int == 1)
        #expect(node["a"]?[1]?.bool == true)
        #expect(node["a"]?[2]?.isNull == true)
        #expect(node["a"]?[3]?.string == "x")
        #expect(node["b"]?["c"]?.double == 2.5)
        #expect(node.mark == Mark(line: 0, column: 0))
    }

    @Test func stringKeyedDictionaries_decodeEveryEntryAndRejectCollectionKeys() throws {
        let nested = try YAMLDecoder().decode([String: [String: Int]].self, from: try parseOne("a: {x: 1}\nb: {}\n3: {y: 2}\n"))
        #expect(nested == ["a": ["x": 1], "b": [:], "3": ["y": 2]])
        let error = expectYAMLError { _ = try YAMLDecoder().decode([String: Int].self, from: try parseOne("? [a]\n: 1\n")) }
        check(error, .typeMismatch, line: 1, column: 3, contains: "expected a text key, found a sequence")
        let value = expectYAMLError { _ = try YAMLDecoder().decode([String: Int].self, from: try parseOne("a: 1\nb: two\n")) }
        check(value, .typeMismatch, line: 2, column: 4, contains: "expected an integer")
        #expect(value?.path == "b")
    }
}
