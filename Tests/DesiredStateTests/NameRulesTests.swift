import DesiredState
import Testing

/// AWS's naming rules, for names that pass on the ASCII fast path and names that take the
/// character walk (non-ASCII, too long, forbidden characters).
struct NameRulesTests {
    @Test func functionNames() {
        #expect(NameRules.function("fn-00000_a") == nil)
        #expect(NameRules.function(String(repeating: "a", count: 64)) == nil)
        #expect(NameRules.function(String(repeating: "a", count: 65))?.contains("65 characters long") == true)
        #expect(NameRules.function("hello world")?.contains("' ' is not allowed") == true)
        #expect(NameRules.function("naïve")?.contains("'ï' is not allowed") == true)
        #expect(NameRules.function("a.b")?.contains("'.' is not allowed") == true)
        #expect(NameRules.function("")?.contains("must not be empty") == true)
    }

    @Test func stateMachineNames() {
        #expect(NameRules.stateMachine("orders.Pipeline-v2_(eu)") == nil)
        #expect(NameRules.stateMachine("naïve-flow") == nil, "non-ASCII letters are allowed")
        for bad in ["a b", "a/b", "a:b", "a\"b", "a\\b", "a$b", "a`b", "a\u{7}b", "a\u{85}b"] {
            #expect(NameRules.stateMachine(bad) != nil, "\(bad.debugDescription)")
        }
    }

    @Test func iamAndPlainNames() {
        #expect(NameRules.role("team-00_exec+x=y,z.w@v") == nil)
        #expect(NameRules.role("exec role") != nil)
        #expect(NameRules.policy(String(repeating: "p", count: 128)) == nil)
        #expect(NameRules.policy(String(repeating: "p", count: 129)) != nil)
        #expect(NameRules.inlinePolicy("logs!~") == nil)
        #expect(NameRules.inlinePolicy("a/b") != nil && NameRules.inlinePolicy("a b") != nil && NameRules.inlinePolicy("é") != nil)
        #expect(NameRules.plain("production-2") == nil)
        #expect(NameRules.plain("Production") != nil && NameRules.plain("-prod") != nil)
    }

    @Test func aliasNames() {
        #expect(NameRules.functionAlias("live") == nil && NameRules.functionAlias("v2") == nil)
        #expect(NameRules.functionAlias("123")?.contains("all digits") == true)
        #expect(NameRules.functionAlias("li.ve") != nil)
        #expect(NameRules.stateMachineAlias("prod.v2") == nil)
        #expect(NameRules.stateMachineAlias("42")?.contains("must contain a letter") == true)
        #expect(NameRules.stateMachineAlias("٣") != nil, "non-ASCII digits are not allowed")
    }
}
