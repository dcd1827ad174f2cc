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

    /// Dictionaries of a file's pieces merged into the run's, in order, give every value the id one
    /// interner reading the whole file would have given it, whatever the number of lanes (issue 20:
    /// the look-ups of a merge run on several threads).
    @Test func mergingPieceDictionariesGivesTheIdsOfOneSequentialPass() {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<60_000).map { _ in "SUB-\(Int.random(in: 0..<25_000, using: &rng))" }
        var sequential = Interner()
        let expected = values.map { sequential.intern($0) }
        for lanes in [1, 2, 5] {
            var global = Interner()
            var got: [Int32] = []
            var start = 0
            while start < values.count {
                let end = min(values.count, start + Int.random(in: 1..<12_000, using: &rng))
                var local = Interner()
                let localIds = values[start..<end].map { local.intern($0) }
                let ids = global.merge(local, lanes: lanes)
                got += localIds.map { ids[Int($0)] }
                start = end
            }
            #expect(got == expected, "lanes \(lanes)")
            #expect(global.count == sequential.count)
            for id in stride(from: 0, to: global.count, by: 101) { #expect(global.string(Int32(id)) == sequential.string(Int32(id))) }
        }
    }
}
