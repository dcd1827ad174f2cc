import ReconCore
@testable import ReconReport
import Testing

/// The report orders accounts by their bytes. Millions of sub-accounts are ranked by their first
/// sixteen bytes with radix sorts (issue 20); the rank must equal a plain bytewise sort's, accounts
/// sharing a long prefix, zero bytes, empty and multi-byte text included.
@Suite struct AccountOrderTests {
    @Test func accountsAreRankedInBytewiseOrderWhateverTheirPrefixes() {
        var rng = SystemRandomNumberGenerator()
        var seen = Set<String>()
        var column = TextColumn()
        let stems = ["", "6222", "6222000000000000", "6222000000000000123", "CUST-", "客户", "a\u{0}", "a"]
        while column.count < 5_000 {
            let stem = stems.randomElement(using: &rng)!
            let tail = String((0..<Int.random(in: 0..<6, using: &rng)).map { _ in "09aZ\u{0}é".randomElement(using: &rng)! })
            let value = stem + tail
            if seen.insert(value).inserted { column.append(value) }
        }
        for count in [0, 1, 40, column.count] {
            var part = TextColumn()
            for i in 0..<count { part.append(column.string(i)) }
            let rank = BreakOrdering.byteRank(part)
            let expected = (0..<count).sorted { Array(part.string($0).utf8).lexicographicallyPrecedes(Array(part.string($1).utf8)) }
            #expect(expected.map { rank[$0] } == Array(0..<count), "\(count) accounts")
        }
    }
}
