import Testing
import ReconCore
import ReconMatch
import ReconTestSupport

func run(bank: [String], ledger: [String], configuration: MatchConfiguration = MatchConfiguration(),
         asOf: String? = nil) throws -> [String: String] {
    let inputs = try Fixture.inputs(bank: bank, ledger: ledger, configuration: configuration, asOf: asOf)
    return Fixture.outcomes(inputs, Matcher(configuration: configuration).match(inputs))
}

@Suite struct DuplicatePassTests {
    @Test func theFirstOccurrenceStaysInPlayAndLaterOnesAreDuplicates() throws {
        let o = try run(bank: ["B1 A 2026-11-18 10.00 R1", "B2 A 2026-11-18 10.00 R1", "B3 A 2026-11-19 10.00 R1"],
                        ledger: ["L1 A 2026-11-18 10.00 R1", "L2 A 2026-11-18 10.00 R1"])
        #expect(o == ["B1": "matched", "B2": "duplicate_bank", "B3": "duplicate_bank", "L1": "matched", "L2": "duplicate_ledger"])
    }

    @Test func aDifferentAmountOrAccountIsNotADuplicate() throws {
        let o = try run(bank: ["B1 A 2026-11-18 10.00 R1", "B2 A 2026-11-18 11.00 R1", "B3 C 2026-11-18 10.00 R1"], ledger: [])
        #expect(!o.values.contains("duplicate_bank"))
    }

    @Test func rowsWithoutAReferenceAreNeverDuplicates() throws {
        let o = try run(bank: ["B1 A 2026-11-18 10.00", "B2 A 2026-11-18 10.00"], ledger: [])
        #expect(o == ["B1": "unmatched_bank_credit", "B2": "unmatched_bank_credit"])
    }
}

@Suite struct ReferencePassTests {
    @Test func sameReferenceSameDayIsMatchedOtherDayIsTiming() throws {
        let o = try run(bank: ["B1 A 2026-11-18 -5.00 R1", "B2 A 2026-11-20 7.00 R2"],
                        ledger: ["L1 A 2026-11-18 -5.00 R1", "L2 A 2026-11-10 7.00 R2"])
        #expect(o == ["B1": "matched", "L1": "matched", "B2": "timing_difference", "L2": "timing_difference"])
    }

    @Test func aDifferentAmountIsAMismatchUnlessWithinTolerance() throws {
        let bank = ["B1 A 2026-11-18 -995.00 R1"], ledger = ["L1 A 2026-11-18 -1000.00 R1"]
        #expect(try run(bank: bank, ledger: ledger)["B1"] == "amount_mismatch")
        var c = MatchConfiguration()
        c.referenceAmountTolerance = 500
        #expect(try run(bank: bank, ledger: ledger, configuration: c)["B1"] == "matched_within_tolerance", "a match inside a tolerance says so")
    }

    @Test func theReferenceMustBeInTheSameAccount() throws {
        let o = try run(bank: ["B1 A 2026-11-18 5.00 R1"], ledger: ["L1 Z 2026-11-18 5.00 R1"])
        #expect(o["L1"] == "in_transit")
        #expect(o["B1"] == "unmatched_bank_credit")
    }

    @Test func severalCandidatesPairByUniqueAmountThenLeftoversAreAmbiguous() throws {
        let o = try run(bank: ["B1 A 2026-11-18 5.00 R1", "B2 A 2026-11-18 6.00 R1", "B3 A 2026-11-18 7.00 R1"],
                        ledger: ["L1 A 2026-11-18 6.00 R1", "L2 A 2026-11-18 8.00 R1", "L3 A 2026-11-18 9.00 R1"])
        #expect(o["B2"] == "matched" && o["L1"] == "matched")
        for id in ["B1", "B3", "L2", "L3"] { #expect(o[id] == "ambiguous") }
    }
}

@Suite struct BatchPassTests {
    @Test func aBankLineEqualToTheBatchSumMatchesTheGroup() throws {
        let o = try run(bank: ["B1 A 2026-11-18 -30.00 P1"],
                        ledger: ["L1 A 2026-11-18 -10.00 R1 P1", "L2 A 2026-11-18 -20.00 R2 P1"])
        #expect(o == ["B1": "matched", "L1": "matched", "L2": "matched"])
    }

    @Test func aDifferentSumIsAGroupMismatchAndALaterDateATiming() throws {
        let o = try run(bank: ["B1 A 2026-11-18 -31.00 P1", "B2 A 2026-11-19 -5.00 P2"],
                        ledger: ["L1 A 2026-11-18 -10.00 - P1", "L2 A 2026-11-18 -20.00 - P1", "L3 A 2026-11-18 -5.00 - P2"])
        #expect(o == ["B1": "amount_mismatch", "L1": "amount_mismatch", "L2": "amount_mismatch",
                      "B2": "timing_difference", "L3": "timing_difference"])
    }
}

@Suite struct AmountDatePassTests {
    @Test func matchesWithinTheWindowAndNotBeyond() throws {
        let o = try run(bank: ["B1 A 2026-11-18 5.00", "B2 A 2026-11-18 6.00", "B3 A 2026-11-20 7.00"],
                        ledger: ["L1 A 2026-11-18 5.00", "L2 A 2026-11-15 6.00", "L3 A 2026-11-16 7.00"])
        #expect(o["B1"] == "matched" && o["L1"] == "matched")
        #expect(o["B2"] == "timing_difference" && o["L2"] == "timing_difference")
        #expect(o["B3"] == "unmatched_bank_credit" && o["L3"] == "missing_in_bank")
    }

    @Test func twoEquallyGoodCandidatesAreAmbiguousNeverPicked() throws {
        let o = try run(bank: ["B1 A 2026-11-18 5.00"], ledger: ["L1 A 2026-11-18 5.00", "L2 A 2026-11-18 5.00"])
        #expect(o == ["B1": "ambiguous", "L1": "ambiguous", "L2": "ambiguous"])
    }

    @Test func theCloserCandidateWinsBeforeFartherOnesAreConsidered() throws {
        // L1 is 0 days from B1, L2 is 1 day from B1 and 0 from B2: two clean pairs, no ambiguity.
        let o = try run(bank: ["B1 A 2026-11-18 5.00", "B2 A 2026-11-19 5.00"],
                        ledger: ["L1 A 2026-11-18 5.00", "L2 A 2026-11-19 5.00"])
        #expect(o == ["B1": "matched", "B2": "matched", "L1": "matched", "L2": "matched"])
    }

    @Test func aCleanPairAtDistanceTwoSurvivesAnAmbiguousComponentAtDistanceZero() throws {
        let o = try run(bank: ["B1 A 2026-11-10 5.00", "B2 A 2026-11-18 5.00"],
                        ledger: ["L1 A 2026-11-10 5.00", "L2 A 2026-11-10 5.00", "L3 A 2026-11-16 5.00"])
        #expect(o["B1"] == "ambiguous" && o["L1"] == "ambiguous" && o["L2"] == "ambiguous")
        #expect(o["B2"] == "timing_difference" && o["L3"] == "timing_difference")
    }
}

@Suite struct LeftoverPassTests {
    @Test func ledgerRowsAreInTransitInsideTheSettlementWindowElseMissing() throws {
        let o = try run(bank: ["B0 A 2026-11-20 1.00 X"],
                        ledger: ["L1 A 2026-11-18 5.00", "L2 A 2026-11-17 6.00", "L3 A 2026-11-22 7.00"])
        #expect(o["L1"] == "in_transit" && o["L2"] == "missing_in_bank" && o["L3"] == "in_transit")
    }

    @Test func bankRowsAreDebitsOrCreditsBySign() throws {
        let o = try run(bank: ["B1 A 2026-11-20 -1.00", "B2 A 2026-11-20 1.00", "B3 A 2026-11-20 0.00"], ledger: [])
        #expect(o == ["B1": "unmatched_bank_debit", "B2": "unmatched_bank_credit", "B3": "unmatched_bank_credit"])
    }

    @Test func disabledPassesLeaveRowsToTheNextPass() throws {
        var c = MatchConfiguration()
        c.reference = false
        c.amountDate = false
        let o = try run(bank: ["B1 A 2026-11-20 5.00 R1"], ledger: ["L1 A 2026-11-20 5.00 R1"], configuration: c)
        #expect(o == ["B1": "unmatched_bank_credit", "L1": "in_transit"])
    }
}
