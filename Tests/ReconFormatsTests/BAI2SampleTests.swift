import Foundation
import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Every BAI2 file of `../shared/bank-samples/bai2`, read through the shipped spec, with the numbers
/// the files state: summaries, balances, and trailer totals that hold.
@Suite struct BAI2SampleTests {
    static func read(_ relative: String) throws -> MTSampleTests.Output? {
        guard let path = SharedSamples.path(relative) else { return nil }
        var source = try FileByteSource(path: path)
        return try MTSampleTests.read(source: &source, path: path, spec: "bai2")
    }

    @Test(.enabled(if: SharedSamples.available("bai2/sample1.txt"), "needs ../shared/bank-samples")) func sample1HasTwoAccountBlocksWhoseTrailersHold() throws {
        let out = try #require(try Self.read("bai2/sample1.txt"))
        let s = out.statements
        #expect(s.count == 2 && s.allSatisfy { $0.account == "10200123456" && $0.currency == "CAD" })
        #expect(s.map(\.movementCount) == [11, 6] && out.result.rows == 17)
        #expect(s.allSatisfy { $0.controls.allSatisfy(\.holds) })
        #expect(s[0].controls.first { $0.name == "49 account control total" }?.declared == 834_000)
        #expect(s[0].controls.first { $0.name == "49 number of records" }?.declared == 14, "the 88 continuation counts")
        #expect(s[1].controls.map(\.name).contains("99 file control total"))
        // 16,409 is a debit, 16,108 a credit; funds type V gives the value date.
        #expect(out.amounts == [-25_00, -900_00, -5_00, 2_035_00, 25_00, 25_00, -200_00, -900_00, -20_00, -25_00, -10_00,
                                115_00, 1_000_00, -1_000_00, -90_00, -20_00, -5_00])
        #expect(out.table.date(0) == Day(iso: "2006-03-17") && out.table.valueDay(0) == Day(iso: "2006-03-16"))
        #expect(out.text(out.table.description, 0) == "RETURNED CHEQUE")
        // Credits and debits of the summary: 100 and 400 both 2085.00; the movements net to 0.
        #expect(s[0].movementSum == 0 && s[0].openingBalance == nil)
    }

    @Test(.enabled(if: SharedSamples.available("bai2/sample2.txt"), "needs ../shared/bank-samples")) func theSpecExampleSplitsATypeCodeAcrossAContinuationAndAllTotalsHold() throws {
        let out = try #require(try Self.read("bai2/sample2.txt"))
        let s = out.statements
        #expect(s.map(\.account) == ["0123456789", "9876543210", "4589761203", "0975312468", "7890654321"])
        #expect(s.allSatisfy { $0.currency == "USD" && $0.controls.allSatisfy(\.holds) }, "\(s.map(\.controls))")
        #expect(s.map(\.openingBalance) == [43_500_00, -5_000_00, 100_000_00, 5_000_00, 8_000_00])
        #expect(out.amounts == [4_500_00, 5_000_00, 200_000_00, 100_000_00])
        #expect(out.text(out.table.bankRef, 2) == "SP4738" && out.text(out.table.endToEndId, 2) == "YRC065321")
        #expect(out.text(out.table.description, 2) == "PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO", "text carried on an 88")
        #expect(out.table.valueDay(2) == Day(iso: "2004-06-22"))
        #expect(s.last?.controls.first { $0.name == "99 number of records" }?.declared == 31)
    }

    @Test(.enabled(if: SharedSamples.available("bai2/sample3.txt"), "needs ../shared/bank-samples")) func sample3HasRecordsSharingLinesAndEveryStatementReconciles() throws {
        let out = try #require(try Self.read("bai2/sample3.txt"))
        let s = out.statements
        #expect(s.count == 15 && out.result.rows == 26)
        #expect(s.allSatisfy { $0.balanceGap == 0 && $0.controls.allSatisfy(\.holds) })
        #expect(s[0].openingBalance == -35_00 && s[0].closingBalance == -36_00 && s[0].movementSum == -1_00)
        #expect(s[3].movementSum == -307_03 && s[9].movementSum == 316_73)
        #expect(out.text(out.table.description, 1) == "TRANSFER   MSPBNA BANK        PPD", "a record after '/ ' on the same line")
        #expect(Set((0..<out.table.count).map { out.text(out.table.bankRef, $0) }).count == out.table.count, "generated references are unique")
    }

    @Test(.enabled(if: SharedSamples.available("bai2/sample1.txt"), "needs ../shared/bank-samples")) func aBrokenTrailerIsReportedAsAControlThatDoesNotHold() throws {
        let path = try #require(SharedSamples.path("bai2/sample1.txt"))
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "49,+00000000000834000,14/", with: "49,+00000000000834001,14/")
        var source = MemorySource(bytes: Array(text.utf8), step: 97)
        let out = try MTSampleTests.read(source: &source, path: "broken.bai2", spec: "bai2")
        let c = try #require(out.statements[0].controls.first { $0.name == "49 account control total" })
        #expect(c.declared == 834_001 && c.computed == 834_000 && !c.holds)
    }
}
