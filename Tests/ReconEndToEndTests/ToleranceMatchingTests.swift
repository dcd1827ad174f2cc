import Foundation
import ReconCore
import ReconFormats
import ReconTestSupport
import Testing

/// The tolerance pass on data with known answers: fees deducted on the way, differences written off,
/// amounts inside the tolerance, a window counted in business days across a holiday, and the pairs
/// that must not be made.
@Suite struct ToleranceMatchingTests {
    static let config = """
        [tolerance]
        amount_abs = "0.50"
        amount_pct = "0.1"
        window_days = 2
        direction = "bank_on_or_after_ledger"
        business_days = true
        write_off_below = "0.05"
        [[tolerance.fees]]
        name = "withdrawal fee"
        types = ["withdrawal"]
        fixed = "2.00"
        percent = "0.6"
        [calendars.CNY]
        holidays = ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"]
        working_days = ["2026-10-10"]
        """

    struct Expected { var bankRef: String; var ledgerId: String; var kind: String; var difference: String }

    /// Rows and the answers: every pair the pass must make, and the rows it must leave alone.
    struct Scenario {
        var bank: [String] = []
        var ledger: [String] = []
        var pairs: [Expected] = []
        /// Rows that must stay unpaired: bank refs and txn ids.
        var unpaired: Set<String> = []

        init(seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            func cents(_ v: Int64) -> String { MinorUnits.format(v, exponent: 2) }
            var n = 0
            func day(_ offset: Int) -> String { Day(iso: "2026-11-02")!.adding(days: offset).iso }  // a Monday
            func add(ledger amount: Int64, type: String, ledgerDay: String, bank bankAmount: Int64, bankDay: String,
                     kind: String?) {
                n += 1
                let b = "B\(n)", l = "T\(n)", account = "ACC\(n % 5)"
                ledger.append("\(l),\(account),\(ledgerDay),\(cents(amount)),CNY,\(type),,,")
                bank.append("\(b),\(account),\(bankDay),,\(cents(bankAmount)),CNY,,,")
                if let kind { pairs.append(Expected(bankRef: b, ledgerId: l, kind: kind, difference: cents(bankAmount - amount))) } else {
                    unpaired.formUnion([b, l])
                }
            }
            // Withdrawals paid out with the fee on top: bank = gross + 2.00 + 0.6% (rounded), the next business day.
            for i in 0..<30 {
                let gross = -Int64(rng.next() % 500_000 + 10_000) - Int64(i) * 1_000_003
                let fee = 200 + (Int64(gross.magnitude) * 6_000 + 500_000) / 1_000_000
                add(ledger: gross, type: "withdrawal", ledgerDay: day(i % 4), bank: gross - fee, bankDay: day(i % 4 + 1), kind: "fee_deducted")
            }
            // Deposits short by 1 to 4 cents: written off.
            for i in 0..<20 {
                let amount = Int64(rng.next() % 900_000 + 5_000) + Int64(i) * 2_000_017
                add(ledger: amount, type: "deposit", ledgerDay: day(i % 5), bank: amount - Int64(1 + i % 4), bankDay: day(i % 5), kind: "written_off")
            }
            // Deposits off by 0.05 to 0.45: inside the 0.50 tolerance.
            for i in 0..<20 {
                let amount = Int64(rng.next() % 40_000 + 1_000) + Int64(i) * 3_000_029
                let off = Int64(5 + (i % 9) * 5) * (i % 2 == 0 ? 1 : -1)
                add(ledger: amount, type: "deposit", ledgerDay: day(i % 5), bank: amount + off, bankDay: day(i % 5 + (i % 2)), kind: "matched_within_tolerance")
            }
            // A large deposit 0.1% off (more than 0.50): inside the percentage tolerance.
            add(ledger: 10_000_000, type: "deposit", ledgerDay: day(1), bank: 10_000_000 - 9_000, bankDay: day(1), kind: "matched_within_tolerance")
            // Across China's National Day: Wednesday 2026-09-30 to Thursday 2026-10-08 is one business day.
            add(ledger: 123_456, type: "deposit", ledgerDay: "2026-09-30", bank: 123_466, bankDay: "2026-10-08", kind: "matched_within_tolerance")
            // Friday to Saturday 2026-10-10, a working day: one business day.
            add(ledger: 77_700, type: "deposit", ledgerDay: "2026-10-09", bank: 77_690, bankDay: "2026-10-10", kind: "matched_within_tolerance")

            // Must not pair: the bank books before the ledger date (the window is directional).
            add(ledger: 55_500, type: "deposit", ledgerDay: day(3), bank: 55_510, bankDay: day(2), kind: nil)
            // Must not pair: 0.80 apart, more than the tolerance, and no fee schedule applies.
            add(ledger: 66_600, type: "deposit", ledgerDay: day(1), bank: 67_400, bankDay: day(1), kind: nil)
            // Must not pair: a transfer with the withdrawal fee on top (the schedule is for withdrawals only).
            add(ledger: -100_000, type: "transfer", ledgerDay: day(1), bank: -100_000 - 800, bankDay: day(1), kind: nil)
            // Must not pair: three business days apart (Friday to Wednesday).
            add(ledger: 88_800, type: "deposit", ledgerDay: "2026-11-06", bank: 88_810, bankDay: "2026-11-11", kind: nil)
            // Must not pair: one bank line, two ledger records equally close to it.
            n += 1
            bank.append("B\(n),ACCX,\(day(2)),,500.20,CNY,,,")
            ledger.append("T\(n)a,ACCX,\(day(2)),500.00,CNY,deposit,,,")
            ledger.append("T\(n)b,ACCX,\(day(2)),500.40,CNY,deposit,,,")
            unpaired.formUnion(["B\(n)", "T\(n)a", "T\(n)b"])
        }
    }


    static func run(_ scenario: Scenario, config: String, name: String) throws -> [[String: String]] {
        try CanonicalRun.run(bank: scenario.bank, ledger: scenario.ledger, config: config, name: name).breaks
    }

    @Test func feesWriteOffsAndTolerancesPairExactlyTheExpectedRowsAndNoOthers() throws {
        let scenario = Scenario(seed: 20261125)
        let breaks = try Self.run(scenario, config: Self.config, name: "tolerance")
        let noted: Set<String> = ["fee_deducted", "written_off", "matched_within_tolerance", "timing_difference"]
        let made = breaks.filter { noted.contains($0["kind"]!) }
        #expect(made.count == scenario.pairs.count, "every expected pair and nothing else")
        for e in scenario.pairs {
            let row = made.first { $0["bank_ref"] == e.bankRef }
            #expect(row?["ledger_id"] == e.ledgerId && row?["kind"] == e.kind && row?["difference"] == e.difference,
                    "\(e.bankRef)/\(e.ledgerId) is \(e.kind) with difference \(e.difference): \(row ?? [:])")
        }
        // The fee's detail names the schedule and the fee.
        let fee = try #require(made.first { $0["kind"] == "fee_deducted" })
        #expect(fee["detail"]!.contains("fee schedule 'withdrawal fee': 2.00 + 0.6%"))
        let feeAmount = -(try MinorUnits.parse(fee["difference"]!, exponent: 2).get())
        #expect(fee["detail"]!.hasPrefix("fee \(MinorUnits.format(feeAmount, exponent: 2)) deducted"))
        #expect(made.first { $0["kind"] == "written_off" }?["detail"]?.contains("below the write-off limit 0.05") == true)
        #expect(made.first { $0["kind"] == "written_off" }?["severity"] == "low")
        // The rows that must not pair stay open, as unmatched, missing or in transit.
        for ref in scenario.unpaired {
            let row = breaks.first { $0["bank_ref"] == ref || $0["ledger_id"] == ref }
            #expect(["unmatched_bank_credit", "unmatched_bank_debit", "missing_in_bank", "in_transit"].contains(row?["kind"] ?? ""),
                    "\(ref) stays open: \(row ?? [:])")
        }
    }

    @Test func withoutTheToleranceTableNoneOfThesePairsIsMade() throws {
        let scenario = Scenario(seed: 7)
        let breaks = try Self.run(scenario, config: "", name: "no-tolerance")
        #expect(!breaks.contains { ["fee_deducted", "written_off", "matched_within_tolerance"].contains($0["kind"]!) })
        for pair in scenario.pairs {
            let kind = breaks.first { $0["bank_ref"] == pair.bankRef }?["kind"] ?? ""
            #expect(kind == "unmatched_bank_credit" || kind == "unmatched_bank_debit", "\(pair.bankRef) stays open: \(kind)")
        }
    }

    @Test func aCalendarWindowIgnoresHolidaysWhileABusinessDayWindowSkipsThem() throws {
        let scenario = Scenario(seed: 11)
        let calendarDays = Self.config.replacingOccurrences(of: "business_days = true", with: "business_days = false")
        let breaks = try Self.run(scenario, config: calendarDays, name: "calendar-days")
        // 2026-09-30 to 2026-10-08 is 8 calendar days: outside a 2-day window.
        let nationalRef = try #require(scenario.bank.first { $0.contains(",2026-10-08,") }?.split(separator: ",").first.map(String.init))
        let national = try #require(scenario.pairs.first { $0.bankRef == nationalRef })
        #expect(breaks.first { $0["bank_ref"] == national.bankRef }?["kind"] == "unmatched_bank_credit")
    }

    @Test func aReferenceMatchInsideTheReferenceToleranceSaysSo() throws {
        var s = Scenario(seed: 1)
        s.bank = ["BR1,ACC1,2026-11-02,,100.03,CNY,REF1,,"]
        s.ledger = ["TR1,ACC1,2026-11-02,100.00,CNY,deposit,REF1,,"]
        let breaks = try Self.run(s, config: "[reference]\namount_tolerance_minor = 5\n", name: "reference-tolerance")
        let row = try #require(breaks.first { $0["bank_ref"] == "BR1" })
        #expect(row["kind"] == "matched_within_tolerance" && row["difference"] == "0.03" && row["ledger_id"] == "TR1")
        #expect(row["detail"]!.contains("inside the reference amount tolerance 0.05"))
    }
}
