import Foundation
import ReconCore
import ReconFormats
import ReconTestSupport
import Testing

/// The group pass on data with known answers: split settlements (one bank line for several ledger
/// records, and the reverse), nettings, and the groups that must not be made.
@Suite struct GroupMatchingTests {
    static let config = """
        [groups]
        window_days = 2
        max_items = 4
        max_candidates = 12
        max_steps = 5000
        """

    struct Scenario {
        var bank: [String] = []
        var ledger: [String] = []
        /// Each expected group: its bank refs and txn ids.
        var groups: [(bank: Set<String>, ledger: Set<String>)] = []
        var open: Set<String> = []
        var n = 0

        static func cents(_ v: Int64) -> String { MinorUnits.format(v, exponent: 2) }
        static func day(_ offset: Int) -> String { Day(iso: "2026-11-02")!.adding(days: offset).iso }

        mutating func bankRow(_ account: String, _ day: Int, _ amount: Int64) -> String {
            n += 1
            bank.append("B\(n),\(account),\(Self.day(day)),,\(Self.cents(amount)),CNY,,,")
            return "B\(n)"
        }

        mutating func ledgerRow(_ account: String, _ day: Int, _ amount: Int64) -> String {
            n += 1
            ledger.append("T\(n),\(account),\(Self.day(day)),\(Self.cents(amount)),CNY,deposit,,,")
            return "T\(n)"
        }

        init() {}

        init(seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            func amount() -> Int64 { Int64(rng.next() % 900_000 + 1_000) }
            // Split settlements: one bank line pays 2 to 4 ledger records of the same days (account S).
            for g in 0..<10 {
                let parts = (0..<(2 + g % 3)).map { _ in amount() }
                let day = g * 3
                let refs = parts.enumerated().map { ledgerRow("ACC-S\(g % 3)", day + $0.offset % 2, $0.element) }
                let b = bankRow("ACC-S\(g % 3)", day + 1, parts.reduce(0, +))
                groups.append(([b], Set(refs)))
            }
            // Payouts in pieces: one ledger record paid as 2 or 3 bank lines (money out).
            for g in 0..<8 {
                let parts = (0..<(2 + g % 2)).map { _ in -amount() }
                let day = g * 3
                let refs = parts.enumerated().map { bankRow("ACC-P\(g % 2)", day + $0.offset, $0.element) }
                let l = ledgerRow("ACC-P\(g % 2)", day, parts.reduce(0, +))
                groups.append((Set(refs), [l]))
            }
            // Nettings: two bank lines and three ledger records, of both signs, that net to the same total.
            for g in 0..<4 {
                let account = "ACC-N\(g)", day = g * 7
                let b1 = amount(), b2 = -amount() / 3, l1 = amount() / 2
                let l2 = -amount() / 5
                let l3 = b1 + b2 - l1 - l2
                let bs = [bankRow(account, day, b1), bankRow(account, day + 1, b2)]
                let ls = [ledgerRow(account, day, l1), ledgerRow(account, day, l2), ledgerRow(account, day + 1, l3)]
                groups.append((Set(bs), Set(ls)))
            }
            // Must not group: two different pairs of ledger records sum to the bank line (10+40 and 20+30).
            let x = [ledgerRow("ACC-X", 3, 1_000), ledgerRow("ACC-X", 3, 4_000), ledgerRow("ACC-X", 3, 2_000), ledgerRow("ACC-X", 3, 3_000)]
            open.formUnion(x + [bankRow("ACC-X", 3, 5_000)])
            // Must not group: the parts are booked 5 days from the bank line, outside the window.
            let far = [ledgerRow("ACC-Y", 0, 12_345), ledgerRow("ACC-Y", 0, 54_321)]
            open.formUnion(far + [bankRow("ACC-Y", 5, 66_666)])
            // Must not group: parts of another account.
            let other = [ledgerRow("ACC-Z1", 2, 7_000), ledgerRow("ACC-Z1", 2, 8_000)]
            open.formUnion(other + [bankRow("ACC-Z2", 2, 15_000)])
        }
    }

    @Test func splitSettlementsPayoutsInPiecesAndNettingsGroupExactlyAsGenerated() throws {
        let s = Scenario(seed: 42)
        let out = try CanonicalRun.run(bank: s.bank, ledger: s.ledger, config: Self.config, name: "groups")
        let grouped = out.breaks.filter { $0["kind"] == "group_match" }
        let expectedRows = s.groups.reduce(0) { $0 + $1.bank.count + $1.ledger.count }
        #expect(grouped.count == expectedRows, "one row per member of every expected group, and no other")
        for g in s.groups {
            for ref in g.bank {
                let row = grouped.first { $0["bank_ref"] == ref }
                let named = Set(row?["detail"]?.components(separatedBy: "with ledger ").last?.components(separatedBy: ",").first?
                    .split(separator: ";").map(String.init) ?? [])
                #expect(named == g.ledger, "\(ref) is grouped with \(g.ledger.sorted()): \(row ?? [:])")
            }
            for id in g.ledger {
                let row = grouped.first { $0["ledger_id"] == id }
                let named = Set(row?["detail"]?.components(separatedBy: "with bank ").last?.components(separatedBy: ",").first?
                    .split(separator: ";").map(String.init) ?? [])
                #expect(named == g.bank, "\(id) is grouped with \(g.bank.sorted()): \(row ?? [:])")
            }
        }
        for ref in s.open {
            let row = out.breaks.first { $0["bank_ref"] == ref || $0["ledger_id"] == ref }
            #expect(row?["kind"] != "group_match", "\(ref) is not grouped: \(row ?? [:])")
        }
        let search = try #require(out.summary["group_search"] as? [String: Any])
        #expect(search["bound_hits"] as? Int == 0)
    }

    @Test func aSearchPastItsBoundStopsAndIsReported() throws {
        var s = Scenario()
        // Twelve candidates 10.00, 10.07, ... 10.77: only sets of four can reach 41.55, and none sums
        // to it exactly (41.55 - 40.00 is not a multiple of 0.07), so the search must try them all.
        let parts = (0..<12).map { s.ledgerRow("ACC-B", 1, Int64(1_000 + $0 * 7)) }
        let b = s.bankRow("ACC-B", 1, 4_155)
        let out = try CanonicalRun.run(bank: s.bank, ledger: s.ledger, config: Self.config.replacingOccurrences(of: "max_steps = 5000", with: "max_steps = 50"),
                                name: "groups-bound")
        let search = try #require(out.summary["group_search"] as? [String: Any])
        #expect(search["bound_hits"] as? Int == 1)
        #expect(search["first"] as? [String] == ["bank \(b)"])
        #expect(out.breaks.first { $0["bank_ref"] == b }?["kind"] == "unmatched_bank_credit")
        #expect(parts.allSatisfy { p in out.breaks.first { $0["ledger_id"] == p }?["kind"] != "group_match" })
        // With room to search, the same row is searched to the end: no bound hit, and no group.
        let roomy = try CanonicalRun.run(bank: s.bank, ledger: s.ledger, config: Self.config, name: "groups-roomy")
        #expect((roomy.summary["group_search"] as? [String: Any])?["bound_hits"] as? Int == 0)
        #expect(roomy.breaks.first { $0["bank_ref"] == b }?["kind"] == "unmatched_bank_credit")
    }

    @Test func withoutTheGroupsTableNothingIsGrouped() throws {
        let s = Scenario(seed: 42)
        let out = try CanonicalRun.run(bank: s.bank, ledger: s.ledger, config: "", name: "no-groups")
        #expect(!out.breaks.contains { $0["kind"] == "group_match" })
        #expect(out.summary["group_search"] == nil)
    }
}
