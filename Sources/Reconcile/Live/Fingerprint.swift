import Cloud
import DesiredState
import StatesLanguage

/// Stable 64-bit fingerprints of desired resources and of what a list call shows of live ones,
/// so a later run can tell what changed without reading it again. Stable across processes and
/// machines (unlike `Hasher`).
public enum Fingerprint {
    /// A fingerprint being computed: items (strings, paths, integers) are fed as bytes, eight at
    /// a time, each item ended by its length, so that no two sequences of items feed the same words.
    struct Builder {
        private var state: UInt64 = 0xcbf2_9ce4_8422_2325
        /// Bytes of the current item not yet mixed in (little-endian), and how many.
        private var pending: UInt64 = 0
        private var pendingCount = 0
        /// Bytes of the current item so far.
        private var itemLength: UInt64 = 0

        /// The fingerprint of what was added.
        var value: UInt64 { state }

        /// Adds bytes without ending the item (`end()` does).
        mutating func addBytes(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { addByte(byte) }
        }

        /// Adds contiguous bytes without ending the item: whole words at once when none are pending.
        mutating func addBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            let count = bytes.count
            itemLength &+= UInt64(count)
            if pendingCount == 0, let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= count {
                    mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                    index += 8
                }
            }
            while index < count {
                push(bytes[index])
                index += 1
            }
        }

        private mutating func addByte(_ byte: UInt8) {
            itemLength &+= 1
            push(byte)
        }

        private mutating func push(_ byte: UInt8) {
            pending |= UInt64(byte) << (8 * UInt64(pendingCount))
            pendingCount += 1
            if pendingCount == 8 {
                mix(pending)
                pending = 0
                pendingCount = 0
            }
        }

        private mutating func mix(_ word: UInt64) {
            state = (state ^ word) &* 0x9e37_79b9_7f4a_7c15
            state ^= state >> 29
        }

        /// Ends an item (a string's bytes, a path): its last bytes and its length.
        mutating func end() {
            mix(pending)
            mix(itemLength | 0x8000_0000_0000_0000)
            pending = 0
            pendingCount = 0
            itemLength = 0
        }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { addBytes($0) }
            end()
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
                object.forEachSortedByKey { key, member in
                    add(key)
                    add(member)
                }
            }
        }

        /// Adds an integer (its eight bytes after an `i` marker), without formatting it.
        mutating func add(integer: Int64) {
            let bits = UInt64(bitPattern: integer)
            if pendingCount == 0 && itemLength == 0 {
                // The nine bytes as `addBytes` would mix them: a word, the last byte, the length.
                mix(UInt64(UInt8(ascii: "i")) | bits << 8)
                mix(bits >> 56)
                mix(9 | 0x8000_0000_0000_0000)
                return
            }
            addIntegerBytewise(bits)
        }

        /// `add(integer:)` one byte at a time (in the middle of an item; and what the word-wise
        /// path must equal).
        mutating func addIntegerBytewise(_ integer: UInt64) {
            addByte(UInt8(ascii: "i"))
            var bits = integer
            for _ in 0..<8 {
                addByte(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
            end()
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
