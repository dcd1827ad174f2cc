import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Every fixed-width sample of `../shared/bank-samples` (cfonb120/, n43/, coda/), read through the
/// shipped specs, with the numbers the files themselves state (see the samples' MANIFEST.txt).
@Suite struct FixedWidthSampleTests {
    // MARK: CFONB 120

    @Test(.enabled(if: SharedSamples.available("cfonb120/oca_cfonb_classic.cfo"), "needs ../shared/bank-samples")) func cfonbClassicReconcilesWithThirteenOverpunchedMovementsAndFoldedComplements() throws {
        let out = try #require(try FixedWidthRead.sample("cfonb120", "cfonb120/oca_cfonb_classic.cfo"))
        #expect(out.statements.count == 1)
        let s = out.statements[0]
        #expect(s.account == "300030123401234567890" && s.currency == "EUR" && s.line == 1)
        #expect(s.openingBalance == 1_017_311_89 && s.openingDate == Day(iso: "2024-01-12"))
        #expect(s.closingBalance == 1_031_585_79 && s.closingDate == Day(iso: "2024-01-13"))
        #expect(s.movementCount == 13 && s.movementSum == 14_273_90)
        #expect(s.balanceGap == 0)
        #expect(s.controls.isEmpty)
        #expect(out.result.rows == 13 && out.table.count == 13 && out.result.format == "cfonb120" && out.result.encoding == "latin-1")
        #expect(out.amounts == [104_017, 132_100, 477_291, 234_112, 21_880, 51_080, 52_078, 155_223, 569_076,
                                -1_999, -1_999, -61_714, -303_755])
        #expect(out.table.line.map(Int.init) == [2, 6, 12, 18, 23, 27, 32, 37, 41, 46, 52, 59, 68])
        #expect((0..<13).allSatisfy { out.booking($0) == "2024-01-13" && out.value($0) == "2024-01-13" })
        #expect((0..<13).allSatisfy { out.account($0) == "300030123401234567890" && out.currency($0) == "EUR" })
        // 05 complements: LIB text joins the description, NPY names the payer of a credit, NBE the
        // payee of a debit, RCN is the end-to-end id; other qualifiers are skipped.
        #expect(out.descriptions[0] == "VIR INST MA JOLIE BOUTIQUE facture F230875")
        #expect(out.table.counterparty.string(0) == "MA JOLIE BOUTIQUE")
        #expect(out.table.endToEndId.string(0) == "")
        #expect(out.table.endToEndId.string(1) == "0018937")
        #expect(out.table.counterparty.string(9) == "") // a debit with a payer (NPY) but no payee (NBE)
        #expect(out.table.counterparty.string(10) == "FREE MOBILE")
        #expect(out.table.endToEndId.string(10) == "fmpmt-1290437493")
        #expect(out.table.counterparty.string(12) == "Orange")
    }

    @Test(.enabled(if: SharedSamples.available("cfonb120/silarhi_complex-test.txt"), "needs ../shared/bank-samples")) func cfonbComplexTestHasEightDailyStatementsOnTwoAccountsThatEachReconcile() throws {
        let out = try #require(try FixedWidthRead.sample("cfonb120", "cfonb120/silarhi_complex-test.txt"))
        let s = out.statements
        #expect(s.count == 8)
        #expect(s[0].account == "102780220400012345603")
        #expect(s[1...].allSatisfy { $0.account == "102780220400020427603" })
        #expect(Set(s.map(\.account)).count == 2 && s.allSatisfy { $0.currency == "EUR" })
        #expect(s.map(\.line) == [1, 5, 9, 11, 15, 17, 23, 25]) // blank lines are counted
        #expect(s.map(\.openingBalance) == [16_695_65, 16_672_86, 11_652_75, 11_652_75, 11_535_00, 11_535_00, 11_484_75, 584_353_02])
        #expect(s.map(\.closingBalance) == [16_672_86, 11_652_75, 11_652_75, 11_535_00, 11_535_00, 11_484_75, 11_484_75, 584_353_02])
        #expect(s.map(\.movementCount) == [1, 2, 0, 1, 0, 1, 0, 0]) // "PAS DE MOUVEMENT" days have none
        #expect(s.map(\.movementSum) == [-22_79, -5_020_11, 0, -117_75, 0, -50_25, 0, 0])
        #expect(s.allSatisfy { $0.balanceGap == 0 })
        // The first statements chain; the last one jumps (synthetic data): the gap is between statements.
        #expect(s[0].closingBalance == s[1].openingBalance)
        #expect(s[6].closingBalance != s[7].openingBalance)
        #expect(s[7].openingDate == Day(iso: "2020-04-23") && s[7].closingDate == Day(iso: "2020-04-24"))
        #expect(out.amounts == [-22_79, -20_11, -5_000_00, -117_75, -50_25]) // "}" is −0: -5000.00
        #expect(out.booking(3) == "2020-04-10" && out.value(3) == "2020-04-01")
        #expect(out.descriptions[4] == "PRLV SEPA OVH SAS PAYMENT ORDER 124359169 ERS INF ORDER 124359169")
    }

    // MARK: AEB Norma 43

    @Test(.enabled(if: SharedSamples.available("n43/csb43_sample_sepa.csb"), "needs ../shared/bank-samples")) func aebSepaSampleHasFourteenDebitsAndRecord33TotalsThatHold() throws {
        let out = try #require(try FixedWidthRead.sample("aeb43", "n43/csb43_sample_sepa.csb"))
        #expect(out.statements.count == 1)
        let s = out.statements[0]
        #expect(s.account == "123412341234567890" && s.currency == "EUR") // numeric 978 mapped to EUR
        #expect(s.openingBalance == 140_142_64 && s.openingDate == Day(iso: "2022-01-01"))
        #expect(s.closingBalance == 139_458_11)
        #expect(s.movementCount == 14 && s.movementSum == -684_53 && s.balanceGap == 0)
        #expect(out.amounts.allSatisfy { $0 < 0 })
        let c = out.controls(0)
        #expect(c["33 account end debit_count"]! == (14, 14))
        #expect(c["33 account end debit_total"]! == (684_53, 684_53))
        #expect(c["33 account end credit_count"]! == (0, 0))
        #expect(c["33 account end credit_total"]! == (0, 0))
        #expect(c["88 end of file record_count"]! == (38, 38))
        #expect(s.controls.allSatisfy { $0.holds })
        #expect(out.table.bankRef.string(0) == "220101002432")
        #expect(out.amounts[0] == -57_82 && out.booking(0) == "2022-01-01")
        #expect(out.descriptions[0] == "COMP.TPV FISICO NACI 00ES123456ACITY") // 23 concepts folded in
    }

    @Test(.enabled(if: SharedSamples.available("n43/oca_test.n43"), "needs ../shared/bank-samples")) func aebOcaSampleReconcilesWithAZeroDebitAndASignCodeZeroOnRecord33() throws {
        let out = try #require(try FixedWidthRead.sample("aeb43", "n43/oca_test.n43"))
        #expect(out.statements.count == 1)
        let s = out.statements[0]
        #expect(s.account == "000000000000000000" && s.currency == "EUR")
        #expect(s.openingBalance == 0 && s.openingDate == Day(iso: "2016-02-01"))
        // Record 33 writes the closing sign "0": the spec reads it as credit (see formats/aeb43.toml).
        #expect(s.closingBalance == 101_96)
        #expect(s.movementCount == 4 && s.movementSum == 101_96 && s.balanceGap == 0)
        #expect(out.amounts == [-3, -178_30, 280_29, 0])
        #expect(out.booking(0) == "2016-05-26" && out.value(0) == "2016-05-25")
        let c = out.controls(0)
        #expect(c["33 account end debit_count"]! == (3, 3)) // the zero amount counts as a debit by its code
        #expect(c["33 account end debit_total"]! == (178_33, 178_33))
        #expect(c["33 account end credit_count"]! == (1, 1))
        #expect(c["33 account end credit_total"]! == (280_29, 280_29))
        // The file says 10 records before 88 but holds 11 (its 24 record is not counted): reported, not judged.
        #expect(c["88 end of file record_count"]! == (10, 11))
        // Lines are stripped of trailing spaces (64 to 78 bytes): padded. The U+FFFD of a broken
        // conversion are three bytes that Latin-1 reads as "ï¿½": kept, not an error.
        #expect(out.descriptions[0] == "COMISIï¿½N")
        #expect(out.descriptions[1] == "TRANSFERENC. A TEST PARTNER N43")
    }

    // MARK: CODA

    @Test(.enabled(if: SharedSamples.available("coda/febelfin-coda_CODA.txt"), "needs ../shared/bank-samples")) func codaFebelfinSampleCountsGlobalisationsOnceAndMatchesItsTrailer() throws {
        let out = try #require(try FixedWidthRead.sample("coda", "coda/febelfin-coda_CODA.txt"))
        #expect(out.statements.count == 1)
        let s = out.statements[0]
        #expect(s.id == "001" && s.account == "435000000080" && s.currency == "EUR" && s.line == 2)
        #expect(s.openingBalance == 0 && s.openingDate == Day(iso: "2006-12-06"))
        #expect(s.closingBalance == 9_405_296_99 && s.closingDate == Day(iso: "2006-12-07"))
        // 59 movements (sequence numbers 1 to 59): the 45 detail records of globalisations are not read.
        #expect(s.movementCount == 59 && out.table.count == 59)
        #expect(s.movementSum == 9_405_296_99 && s.balanceGap == 0)
        let c = out.controls(0)
        #expect(c["9 trailer record_count"]! == (260, 260))
        #expect(c["9 trailer debit_total"]! == (3_085_871_60, 3_085_871_60))
        #expect(c["9 trailer credit_total"]! == (12_491_168_59, 12_491_168_59))
        #expect(out.amounts.filter { $0 < 0 }.count == 30 && out.amounts.filter { $0 > 0 }.count == 29)
        #expect(out.amounts[0] == -2_578_25 && out.table.bankRef.string(0) == "EPIB00048 AWIUBTKAPUO")
        // The total of globalisation 7 (128 000.00 = 4 000 + 27 000 + 97 000 in three details), not its details.
        #expect(out.amounts[6] == -128_000_00)
        // The communication is cut at fixed widths between 21 and 22 and joined as it is.
        #expect(out.descriptions[0] == "BORDEREAU DE DECOMPTE AVANCES    015 NUMERO D'OPERATION 495953")
        #expect(out.table.counterparty.string(2) == "Olgerdin Egill Skallagrims")
    }

    @Test(.enabled(if: SharedSamples.available("coda/php-coda_sample1.cod"), "needs ../shared/bank-samples")) func codaPhpSampleReconcilesWithFourCreditsAndTheirCounterparties() throws {
        let out = try #require(try FixedWidthRead.sample("coda", "coda/php-coda_sample1.cod"))
        #expect(out.statements.count == 1)
        let s = out.statements[0]
        #expect(s.id == "139" && s.account == "138536152215" && s.currency == "EUR")
        #expect(s.openingBalance == 17_752_12 && s.openingDate == Day(iso: "2017-10-10"))
        #expect(s.closingBalance == 17_832_12 && s.closingDate == Day(iso: "2017-10-11"))
        #expect(s.movementCount == 4 && s.movementSum == 80_00 && s.balanceGap == 0)
        #expect(out.amounts == [5_00, 25_00, 20_00, 30_00])
        let c = out.controls(0)
        #expect(c["9 trailer record_count"]! == (22, 22))
        #expect(c["9 trailer debit_total"]! == (0, 0))
        #expect(c["9 trailer credit_total"]! == (80_00, 80_00))
        #expect((0..<4).map { out.table.counterparty.string($0) } == ["KLANT1 MET NAAM1", "KLANT2 NAAM2", "KLANT3 NAAM3", "KLANT4 - NAAM4 MET"])
        #expect(out.table.bankRef.string(0) == "JRFC00120DSCCOCACAERT")
        #expect(out.booking(0) == "2017-10-11" && out.value(0) == "2017-10-11")
    }

    @Test func everyFixedWidthSampleIsDetectedAsItsSpec() throws {
        guard let root = SharedSamples.path("") else { return }
        let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
        for (file, spec) in [("cfonb120/oca_cfonb_classic.cfo", "cfonb120"), ("cfonb120/silarhi_complex-test.txt", "cfonb120"),
                             ("n43/csb43_sample_sepa.csb", "aeb43"), ("n43/oca_test.n43", "aeb43"),
                             ("coda/febelfin-coda_CODA.txt", "coda"), ("coda/php-coda_sample1.cod", "coda")] {
            let input = try OpenedInput(path: root + "/" + file)
            #expect(try registry.detect(input, side: .bank).name == spec, "\(file)")
        }
    }
}
