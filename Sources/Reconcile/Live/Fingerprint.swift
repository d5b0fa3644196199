import Cloud
import DesiredState
import StatesLanguage

/// Stable 64-bit fingerprints (FNV-1a) of desired resources and of what a list call shows of
/// live ones, so a later run can tell what changed without reading it again. Stable across
/// processes and machines (unlike `Hasher`).
public enum Fingerprint {
    /// A fingerprint being computed.
    struct Builder {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ bytes: some Sequence<UInt8>) {
            addBytes(bytes)
            end()
        }

        /// Adds bytes without ending the item (`end()` does).
        mutating func addBytes(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }

        /// Ends an item (a string's bytes, a path).
        mutating func end() {
            value = (value ^ 0xff) &* 0x0000_0100_0000_01b3
        }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add($0) }
        }

        /// Adds a JSON value by structure (object keys in sorted order), without serializing it.
        mutating func add(_ value: JSONValue) {
            switch value {
            case .null: add("n")
            case .bool(let flag): add(flag ? "t" : "f")
            case .int(let number): add(integer: number)
            case .double(let number):
                if let exact = Int64(exactly: number) { add(integer: exact) } else { add("d\(number)") }
            case .string(let text):
                add("s")
                add(text)
            case .array(let items):
                add("[")
                add(integer: Int64(items.count))
                for item in items { add(item) }
            case .object(let object):
                add("{")
                add(integer: Int64(object.count))
                for member in object.sorted(by: { $0.key < $1.key }) {
                    add(member.key)
                    add(member.value)
                }
            }
        }

        /// Adds an integer (its eight bytes after an `i` marker), without formatting it.
        mutating func add(integer: Int64) {
            var bits = UInt64(bitPattern: integer)
            value = (value ^ UInt64(UInt8(ascii: "i"))) &* 0x0000_0100_0000_01b3
            for _ in 0..<8 {
                value = (value ^ (bits & 0xff)) &* 0x0000_0100_0000_01b3
                bits >>= 8
            }
            value = (value ^ 0xff) &* 0x0000_0100_0000_01b3
        }
    }

    /// The fingerprint of a desired resource as it would be compared (with emergency-shutdown
    /// settings when `shutdown`): equal fingerprints mean equal desired fields.
    public static func desired(_ resource: DesiredResource, shutdown: Bool) -> UInt64 {
        guard case .function(let function) = resource else { return fieldwise(resource, shutdown: shutdown) }
        var builder = Builder()
        builder.add(shutdown ? "shutdown" : "normal")
        builder.addFields(of: function, shutdown: shutdown)
        return builder.value
    }

    /// `desired` computed over the resource's `DesiredFields` (what `addFields` must equal).
    static func fieldwise(_ resource: DesiredResource, shutdown: Bool) -> UInt64 {
        var builder = Builder()
        builder.add(shutdown ? "shutdown" : "normal")
        for field in DesiredFields.of(resource, shutdown: shutdown) {
            builder.add(field.path)
            builder.add(field.value)
        }
        return builder.value
    }

    /// The fingerprint of what the list calls show of a live resource: it changes whenever
    /// `$LATEST`, the state machine's revision or definition, the role's trust, description or
    /// tags, or the policy's default version or tags change.
    public static func listed(_ resource: LiveResource) -> UInt64 {
        var builder = Builder()
        switch resource {
        case .function(let function):
            builder.add(function.latest.revisionId)
            builder.add(function.latest.codeSha256)
        case .stateMachine(let machine):
            builder.add(machine.machine.revisionId ?? "")
            builder.add(machine.machine.roleArn)
            builder.add(machine.machine.definition)
            builder.add(String(machine.machine.creationDate.timeIntervalSince1970))
        case .role(let role):
            builder.add(role.role.roleId)
            builder.add(role.role.assumeRolePolicyDocument)
            builder.add(role.role.description)
            builder.add(String(role.role.maxSessionDuration))
            addTags(role.role.tags, to: &builder)
        case .policy(let policy):
            builder.add(policy.policy.policyId)
            builder.add(policy.policy.defaultVersionId)
            builder.add(String(policy.policy.updateDate.timeIntervalSince1970))
            addTags(policy.policy.tags, to: &builder)
        }
        return builder.value
    }

    /// Sixteen lowercase hexadecimal digits of a fingerprint.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func addTags(_ tags: [String: String], to builder: inout Builder) {
        for key in tags.keys.sorted() {
            builder.add(key)
            builder.add(tags[key] ?? "")
        }
    }
}
