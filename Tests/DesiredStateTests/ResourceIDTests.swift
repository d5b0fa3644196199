import DesiredState
import Testing

/// Resource identities as keys: kinds compare and hash by their place, names by their text.
struct ResourceIDTests {
    @Test func kinds_areEqualOnlyToThemselves_andHashApart() {
        let kinds = ResourceKind.allCases
        for (i, a) in kinds.enumerated() {
            for (j, b) in kinds.enumerated() { #expect((a == b) == (i == j)) }
        }
        #expect(Set(kinds).count == kinds.count)
        #expect(Set(kinds.map(\.hashValue)).count == kinds.count)
    }

    @Test func identities_ofOneNameInTwoKinds_areTwoKeys() {
        var map: [ResourceID: Int] = [:]
        for (place, kind) in ResourceKind.allCases.enumerated() { map[ResourceID(kind, "orders")] = place }
        #expect(map.count == ResourceKind.allCases.count)
        #expect(map[ResourceID(.role, "orders")] == ResourceKind.allCases.firstIndex(of: .role))
        #expect(map[ResourceID(.function, "billing")] == nil)
        #expect(ResourceID(.function, "orders") == ResourceID(.function, "orders"))
        #expect(ResourceID(.function, "orders").hashValue == ResourceID(.function, "orders").hashValue)
        #expect(ResourceID(.function, "orders") != ResourceID(.stateMachine, "orders"))
    }
}
