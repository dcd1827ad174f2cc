import Testing
@testable import ReconReport

@Suite struct BreakIdentityTests {
    @Test func anItemKeepsItsIdWhateverItsKindAndDiffersFromOtherRows() {
        let a = BreakIdentity.id(account: "ACC1", currency: "CNY", bankRef: "", ledgerId: "T3")
        #expect(a == BreakIdentity.id(account: "ACC1", currency: "CNY", bankRef: "", ledgerId: "T3"))
        #expect(a != BreakIdentity.id(account: "ACC1", currency: "CNY", bankRef: "T3", ledgerId: ""))
        #expect(a != BreakIdentity.id(account: "ACC2", currency: "CNY", bankRef: "", ledgerId: "T3"))
        #expect(a.hasPrefix("BRK-") && a.count == 16)
    }
}
