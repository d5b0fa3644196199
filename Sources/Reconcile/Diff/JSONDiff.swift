import Foundation
import StatesLanguage

/// A structural diff of two JSON documents: the leaf paths where they differ.
///
/// Objects are compared by key (order never matters), arrays by position, numbers by value
/// (`1` equals `1.0`). Paths are written `Parent.Key`, `Parent["key with.dots"]`, `List[2]`.
enum JSONDiff {
    /// One difference: the path below the document and each side's value (nil when absent).
    struct Difference: Equatable {
        var path: String
        var desired: JSONValue?
        var live: JSONValue?
    }

    /// The differences between `desired` and `live`, below the path `prefix`.
    ///
    /// Values of different types, and arrays of different lengths whose common elements all
    /// differ, are reported whole at their path rather than element by element.
    /// With `wholeArrays`, arrays that differ are reported whole (for sets such as a policy's
    /// `Action` list, where positions mean nothing).
    static func differences(_ desired: JSONValue, _ live: JSONValue, at prefix: String, wholeArrays: Bool = false) -> [Difference] {
        var result: [Difference] = []
        collect(desired, live, at: prefix, wholeArrays: wholeArrays, into: &result)
        return result
    }

    private static func collect(_ desired: JSONValue, _ live: JSONValue, at path: String, wholeArrays: Bool, into result: inout [Difference]) {
        if desired == live { return }
        switch (desired, live) {
        case (.object(let left), .object(let right)):
            for (key, value) in left {
                let child = member(path, key)
                if let other = right[key] {
                    collect(value, other, at: child, wholeArrays: wholeArrays, into: &result)
                } else {
                    result.append(Difference(path: child, desired: value, live: nil))
                }
            }
            for (key, value) in right where left[key] == nil {
                result.append(Difference(path: member(path, key), desired: nil, live: value))
            }
        case (.array(let left), .array(let right)) where !wholeArrays:
            let common = min(left.count, right.count)
            let sameAnywhere = (0..<common).contains { left[$0] == right[$0] }
            if left.count != right.count && !sameAnywhere && common > 0 {
                result.append(Difference(path: path, desired: desired, live: live))
                return
            }
            for index in 0..<common {
                collect(left[index], right[index], at: "\(path)[\(index)]", wholeArrays: wholeArrays, into: &result)
            }
            for index in common..<left.count {
                result.append(Difference(path: "\(path)[\(index)]", desired: left[index], live: nil))
            }
            for index in common..<right.count {
                result.append(Difference(path: "\(path)[\(index)]", desired: nil, live: right[index]))
            }
        default:
            result.append(Difference(path: path, desired: desired, live: live))
        }
    }

    /// `parent.key`, or `parent["key"]` when the key is not a plain word (ASCII letters,
    /// digits, `_`, `-`, `$`, `:`).
    static func member(_ parent: String, _ key: String) -> String {
        if isPlain(key) { return parent.isEmpty ? key : parent + "." + key }
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return parent + "[\"" + escaped + "\"]"
    }

    /// Whether `key` is written after a dot in a path (ASCII letters, digits, `_`, `-`, `$`, `:`).
    static func isPlain(_ key: String) -> Bool {
        var key = key
        // Over the contiguous bytes (a string's UTF-8 view steps through them one index at a time).
        return key.withUTF8 { bytes in
            !bytes.isEmpty && bytes.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x5f || byte == 0x2d || byte == 0x24 || byte == 0x3a
            }
        }
    }
}
