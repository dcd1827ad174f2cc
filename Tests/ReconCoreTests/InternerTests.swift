import Testing
@testable import ReconCore

@Suite struct InternerTests {
    @Test func givesDenseIdsInOrderOfFirstAppearance() {
        var i = Interner()
        #expect(i.intern("CUST-001") == 0)
        #expect(i.intern("CUST-002") == 1)
        #expect(i.intern("CUST-001") == 0)
        #expect(i.intern("") == 2)
        #expect(i.intern("") == 2)
        #expect(i.string(1) == "CUST-002")
    }

    @Test func survivesGrowthWithManyValues() {
        var i = Interner()
        for n in 0..<10_000 { #expect(i.intern("acct-\(n)") == Int32(n)) }
        for n in stride(from: 0, to: 10_000, by: 97) { #expect(i.intern("acct-\(n)") == Int32(n)) }
        #expect(i.count == 10_000)
    }
}
