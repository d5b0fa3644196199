import Foundation
import Spawn
import Testing
@testable import YAML

/// Python's json module as the reference: strict (no NaN/Infinity), with the two limits this
/// parser documents (duplicate keys and unpaired surrogates are rejected). It prints, per input
/// line (hex bytes), either ERR or a canonical form: strings as json.dumps(ensure_ascii=True),
/// numbers as "n:" plus their exact text.
private let reference = #"""
import json, sys
class Obj(list): pass
class Num(str): pass
def pairs(ps):
    keys = [k for k, _ in ps]
    if len(set(keys)) != len(keys): raise ValueError("duplicate key")
    return Obj(ps)
def bad_constant(name): raise ValueError(name)
def text(s):
    if any(0xD800 <= ord(c) <= 0xDFFF for c in s): raise ValueError("surrogate")
    return json.dumps(s, ensure_ascii=True)
def canon(v):
    if v is None: return "null"
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, Num): return "n:" + v
    if isinstance(v, str): return text(v)
    if isinstance(v, Obj): return "{" + ",".join(text(k) + ":" + canon(x) for k, x in v) + "}"
    return "[" + ",".join(canon(x) for x in v) + "]"
for line in sys.stdin:
    data = bytes.fromhex(line.strip())
    try:
        value = json.loads(data, object_pairs_hook=pairs, parse_int=Num, parse_float=Num, parse_constant=bad_constant)
        print(canon(value))
    except Exception:
        print("ERR")
"""#

/// The canonical form of a node, written the way the reference script writes Python values.
private func canonical(_ node: YAMLNode) -> String {
    switch node.content {
    case .scalar(let scalar):
        if scalar.style == .doubleQuoted { return quoted(scalar.text) }
        switch scalar.text {
        case "true", "false", "null": return scalar.text
        default: return "n:" + scalar.text
        }
    case .sequence(let items):
        return "[" + items.map(canonical).joined(separator: ",") + "]"
    case .mapping(let pairs):
        return "{" + pairs.map { canonical($0.key) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
    }
}

private func quoted(_ text: String) -> String {
    var out = "\""
    for unit in text.utf16 {
        switch unit {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x0A: out += "\\n"
        case 0x0D: out += "\\r"
        case 0x09: out += "\\t"
        case 0x08: out += "\\b"
        case 0x0C: out += "\\f"
        case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
        default:
            let hex = String(unit, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
    return out + "\""
}

/// Tricky inputs: valid JSON at the edges of the grammar, and near-misses.
private let cases: [[UInt8]] = [
    "{}", "[]", "{\"a\":1}", " \t\r\n[1 , 2]\n", "0", "-0", "-0.0", "1e5", "1E+5", "1.5e-3", "2E-0",
    "123456789012345678901234567890", "1e400", "-1e-400", "[[[[]]]]", "{\"a\":{\"b\":[true,false,null]}}",
    "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\uD83D\\uDE00\"", "\"\\u0000\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"",
    "\"\\\"\\\\\"", "\"é€😀\"", "{\"\":\"\"}", "\"\u{7F}\"", "\"\\u007f\"", "true", "null", "false",
    "{\"a\" : 1 , \"b\" : [ ] }", "[\"a\",\"b\",\"c\"]", "{\"k\":[{\"x\":[{}]}]}", "  \"spaces\"  ",
    "", " ", "[1,]", "{\"a\":1,}", "[01]", "[00]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]", "[1e+]", "[-01]",
    "NaN", "Infinity", "-Infinity", "[NaN]", "{'a':1}", "{a:1}", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}",
    "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"tab\there\"", "\"line\nbreak\"", "[1]]", "[1] [2]",
    "tru", "nul", "True", "None", "// c\n1", "/* c */1", "[1,,2]", "{,}", "[,]", "\"\\ud800\"", "\"\\udc00\"",
    "\"\\ud800\\u0041\"", "\"\\ud800x\"", "{\"a\":1,\"a\":2}", "[1]\u{0}", "0x10", "1_000", ".inf", "'a'",
    "\u{A0}[1]", "\u{C}[1]", "\u{B}[1]", "[1]\u{A0}", "[\"a\"]x", "{\"a\":}", "{:1}", "[\"\\U00e9\"]", "-", "--1", "1-",
    "[\"\\u00\"]", "\"\\", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}",
].map { Array($0.utf8) } + [
    [0xEF, 0xBB, 0xBF] + Array("{\"bom\":true}".utf8),
    [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
    [0x22, 0xE2, 0x82, 0x22], [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22], [0x5B, 0x31, 0x5D, 0xFF],
]

@Suite struct JSONConformanceTests {
    @Test func acceptsAndRejectsExactlyWhatPythonsJSONModuleDoes() throws {
        let input = cases.map { $0.map { String(format: "%02x", $0) }.joined() }.joined(separator: "\n") + "\n"
        let output: ProcessOutput
        do {
            output = try Spawn.run("python3", ["-c", reference], input: Data(input.utf8), timeout: 60)
        } catch {
            Issue.record("python3 is needed as the JSON reference (apt-get install python3): \(error)")
            return
        }
        try #require(output.status == 0, "python3 failed: \(output.stderrText)")
        let expected = output.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(expected.count >= cases.count)
        var accepted = 0
        for (index, bytes) in cases.enumerated() {
            let ours: String
            do {
                ours = canonical(try JSONParser.parse(bytes, file: "case.json"))
                accepted += 1
            } catch is YAMLError {
                ours = "ERR"
            }
            #expect(ours == expected[index], "input \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
        #expect(accepted >= 30, "the case list must keep a good share of valid inputs")
    }
}
