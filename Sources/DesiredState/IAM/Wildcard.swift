/// IAM's wildcard matching: `*` matches any run of characters (colons included), `?` one character.
enum Wildcard {
    static func matches(_ pattern: String, _ text: String, ignoringCase: Bool) -> Bool {
        let p = Array((ignoringCase ? pattern.lowercased() : pattern).utf8)
        let t = Array((ignoringCase ? text.lowercased() : text).utf8)
        var pi = 0, ti = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
