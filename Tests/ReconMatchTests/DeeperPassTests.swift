import Testing
import ReconCore
import ReconFormats
import ReconMatch
import ReconTestSupport

/// The deeper passes and the custody checks on in-memory tables (issue 19: tests where the logic
/// lives), each with rows written out in the canonical layouts.
enum Tables {
    /// Bank rows `bank_ref,account,booking_date,amount,currency,end_to_end_id,counterparty,description` and ledger rows
    /// `txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty`.
    static func inputs(bank: [String], ledger: [String], configuration: MatchConfiguration, asOf: String = "2026-11-20") throws -> MatchInputs {
        var bankCSV = CanonicalLayout.bankColumns.joined(separator: ",") + "\n"
        for row in bank {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            bankCSV += "\(f[0]),\(f[1]),\(f[2]),,\(f[3]),\(f[4]),\(f[5]),\(f[6]),\(f[7])\n"
        }
        let ledgerCSV = CanonicalLayout.ledgerColumns.joined(separator: ",") + "\n" + ledger.map { $0 + "\n" }.joined()
        var catalog = Catalog(), bankTable = BankTable(), ledgerTable = LedgerTable(), rejects = RejectLog(limit: 0)
        bankTable.stores = .all
        ledgerTable.stores = .all
        var b = MemorySource(bankCSV), l = MemorySource(ledgerCSV)
        _ = try CanonicalBankReader().read(source: &b, path: "bank", fileIndex: 0, into: &bankTable, catalog: &catalog, rejects: &rejects)
        _ = try CanonicalLedgerReader().read(source: &l, path: "ledger", fileIndex: 0, into: &ledgerTable, catalog: &catalog, rejects: &rejects)
        return MatchInputs(bank: bankTable, ledger: ledgerTable, catalog: catalog, configuration: configuration, asOf: Day(iso: asOf))
    }

    static func match(bank: [String], ledger: [String], configuration: MatchConfiguration) throws -> (outcomes: [String: String], result: MatchResult) {
        let inputs = try Self.inputs(bank: bank, ledger: ledger, configuration: configuration)
        let result = Matcher(configuration: configuration).match(inputs)
        return (Fixture.outcomes(inputs, result), result)
    }
}

@Suite struct TolerancePassTests {
    static var configuration: MatchConfiguration {
        var c = MatchConfiguration()
        var t = ToleranceConfiguration()
        t.amountAbsolute = DecimalAmount(tenThousandths: 5_000)      // 0.50
        t.writeOffBelow = DecimalAmount(tenThousandths: 500)         // 0.05
        var fee = FeeSchedule(name: "card")
        fee.types = ["deposit"]
        fee.percentPPM = 10_000                                      // 1%
        t.fees = [fee]
        c.tolerance = t
        return c
    }

    @Test func aFeeAWriteOffAToleranceAndABreakEachGetTheirKind() throws {
        let (o, _) = try Tables.match(
            bank: ["B1,A,2026-11-18,990.00,CNY,,,", "B2,B,2026-11-18,99.97,CNY,,,", "B3,C,2026-11-18,99.60,CNY,,,", "B4,D,2026-11-18,98.00,CNY,,,"],
            ledger: ["L1,A,2026-11-18,1000.00,CNY,deposit,,,", "L2,B,2026-11-18,100.00,CNY,payout,,,",
                     "L3,C,2026-11-18,100.00,CNY,payout,,,", "L4,D,2026-11-18,100.00,CNY,payout,,,"],
            configuration: Self.configuration)
        #expect(o["B1"] == "fee_deducted" && o["L1"] == "fee_deducted", "1% of 1000.00 is the 10.00 short")
        #expect(o["B2"] == "written_off", "0.03 is below the 0.05 write-off limit")
        #expect(o["B3"] == "matched_within_tolerance", "0.40 is inside the 0.50 tolerance")
        #expect(o["B4"] == "unmatched_bank_credit" && o["L4"] == "in_transit", "2.00 is past every tolerance")
    }
}

@Suite struct GroupPassTests {
    static var configuration: MatchConfiguration {
        var c = MatchConfiguration()
        c.groups = GroupConfiguration()
        return c
    }

    @Test func aGroupInCentsIsMatchedAndTheSameGroupInAnyRowOrderToo() throws {
        let ledger = ["L1,A,2026-11-18,456.78,CNY,deposit,,,", "L2,A,2026-11-18,777.79,CNY,deposit,,,", "L3,A,2026-11-18,12.34,CNY,deposit,,,"]
        let bank = ["B1,A,2026-11-18,1234.57,CNY,,,"]
        let (o, _) = try Tables.match(bank: bank, ledger: ledger, configuration: Self.configuration)
        #expect(o["B1"] == "group_match" && o["L1"] == "group_match" && o["L2"] == "group_match" && o["L3"] != "group_match")
        let (reversed, _) = try Tables.match(bank: bank, ledger: ledger.reversed(), configuration: Self.configuration)
        #expect(reversed == o)
    }

    @Test func twoLinesCompetingForOneSubsetAreBothSuggestionsNeverOnePicked() throws {
        let (o, result) = try Tables.match(bank: ["B1,A,2026-11-18,300.00,CNY,,,", "B2,A,2026-11-18,300.00,CNY,,,"],
                                           ledger: ["L1,A,2026-11-18,100.00,CNY,deposit,,,", "L2,A,2026-11-18,200.00,CNY,deposit,,,"],
                                           configuration: Self.configuration)
        #expect(!o.values.contains("group_match"))
        #expect(result.groupSuggestions.count == 2 && result.groupSuggestions.allSatisfy { $0.members.count == 2 && $0.evidence.contains("another group claims") })
    }
}

@Suite struct ScoredPassTests {
    static var configuration: MatchConfiguration {
        var c = MatchConfiguration()
        c.scoring = ScoringConfiguration()
        return c
    }

    @Test func scoresAtTheThresholdsAreExact() throws {
        // 350 × 55/70 + 150 × 5/6 + 200 = 600 exactly; with the reference found, 900.
        let (o, result) = try Tables.match(bank: ["B1,A,2026-11-19,715.00,CNY,,Acme Trading,transfer"],
                                           ledger: ["L1,A,2026-11-18,700.00,CNY,deposit,INVOICE-A,,Acme Trading"],
                                           configuration: Self.configuration)
        #expect(o["B1"] == "unmatched_bank_credit" && result.suggestions.map(\.score) == [600])
        let (matched, scored) = try Tables.match(bank: ["B1,A,2026-11-19,715.00,CNY,,Acme Trading,payment INVOICE-A"],
                                                 ledger: ["L1,A,2026-11-18,700.00,CNY,deposit,INVOICE-A,,Acme Trading"],
                                                 configuration: Self.configuration)
        #expect(matched["B1"] == "scored_match" && scored.scores.values.map(\.score) == [900])
    }
}

@Suite struct FXPassTests {
    @Test func aLedgerAmountConvertedAtTheDaysRateMatchesInsideTheResidual() throws {
        var c = MatchConfiguration()
        var fx = FXConfiguration()
        fx.rates = RateTable([FXRate(day: Day(iso: "2026-11-17")!, from: "USD", to: "CNY", mantissa: 71234, scale: 4)])
        c.fx = fx
        // 100.00 USD × 7.1234 = 712.34 CNY; 712.00 is 0.34 off (inside 0.5% of 712.34); 700.00 is not.
        let (o, result) = try Tables.match(bank: ["B1,A,2026-11-18,712.00,CNY,,,", "B2,A,2026-11-18,700.00,CNY,,,"],
                                           ledger: ["L1,A,2026-11-18,100.00,USD,deposit,,,"], configuration: c)
        #expect(o["B1"] == "fx_matched" && o["L1"] == "fx_matched" && o["B2"] == "unmatched_bank_credit")
        #expect(result.conversions.values.map(\.converted) == [712_34])
    }
}

@Suite struct NightlyMemoryPassTests {
    @Test func aCarriedLineAndTheLineThatReversesItCloseTogether() throws {
        var inputs = try Tables.inputs(bank: ["B2-REV,A,2026-11-19,-715.00,CNY,R2,,", "B3,A,2026-11-19,700.00,CNY,R2,,", "B2,A,2026-11-18,715.00,CNY,R2,,"],
                                       ledger: ["T2,A,2026-11-18,700.00,CNY,deposit,R2,,"], configuration: MatchConfiguration())
        inputs.carriedBankStart = 2
        let result = Matcher().match(inputs)
        let o = Fixture.outcomes(inputs, result)
        #expect(o["B2"] == "reversal" && o["B2-REV"] == "reversal" && o["B3"] == "timing_difference" && o["T2"] == "timing_difference")
    }

    @Test func aLineSentAgainIsADuplicateAndTakesNoPartInMatching() throws {
        var inputs = try Tables.inputs(bank: ["B1,A,2026-11-18,100.00,CNY,R1,,"], ledger: ["T9,A,2026-11-18,100.00,CNY,deposit,,,"],
                                       configuration: MatchConfiguration())
        inputs.resentBankRows = [0]
        let o = Fixture.outcomes(inputs, Matcher().match(inputs))
        #expect(o["B1"] == "duplicate_bank" && o["T9"] == "in_transit", "the re-sent line does not pair with another record")
    }
}
