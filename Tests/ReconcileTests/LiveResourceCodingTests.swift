import Foundation
import Reconcile
import StatesLanguage
import Testing

/// Live resources are written to the deployment journal (the state a rollback restores): their
/// JSON keeps the same keys whatever their storage, so journals written earlier still read.
struct LiveResourceCodingTests {
    @Test func liveFunctionAndStateMachine_encodeTheirFieldsAtTheTopLevel_andDecodeBackEqual() throws {
        let state = try LiveFixture.parse("""
            {"functions": {"listed": {"latest": {"memoryMB": 256}},
                           "detailed": {"latest": {}, "versions": {"1": {}}, "aliases": [{"name": "live", "version": "1"}], "tags": {"team": "a"}}},
             "stateMachines": {"flow": {"definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}, "tags": {}}}}
            """)
        for (name, function) in state.functions {
            let data = try JSONEncoder().encode(function)
            let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
            #expect(keys == (function.details == nil ? ["latest", "name"] : ["details", "latest", "name"]), "\(name)")
            #expect(try JSONDecoder().decode(LiveFunction.self, from: data) == function, "\(name)")
        }
        let machine = try #require(state.stateMachines["flow"])
        let data = try JSONEncoder().encode(LiveResource.stateMachine(machine))
        let decoded = try JSONDecoder().decode(LiveResource.self, from: data)
        #expect(decoded == .stateMachine(machine))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"machine\"") && text.contains("\"details\"") && !text.contains("storage"), "\(text)")
    }
}
