import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// The `:61:` line and the reader's edges, on small hand-written statements.
@Suite struct MTReaderTests {
    func line(_ text: String) throws -> MTTransactionLine { try MTTransactionLine(Array(text.utf8), exponent: 2) }

    @Test func anEntryDateInTheNextOrPreviousYearIsTheClosestToTheValueDate() throws {
        #expect(try line("2612310102C10,00NTRFNONREF//B1").entryDate == Day(iso: "2027-01-02"))
        #expect(try line("2701021231D10,00NTRFNONREF//B1").entryDate == Day(iso: "2026-12-31"))
        #expect(try line("2606150616C10,00NTRFNONREF").entryDate == Day(iso: "2026-06-16"))
    }

    @Test func reversalsTurnTheSignAndAFundsCodeIsSkipped() throws {
        let rd = try line("260615RD12,5NTRFREF1//B9")
        #expect(rd.amount == 12_50 && rd.reversal && rd.customerReference == "REF1" && rd.bankReference == "B9")
        #expect(try line("260615RC12,NTRFNONREF").amount == -12_00)
        #expect(try line("260615CN0,01NMSCX//Y").amount == 1)
        #expect(try line("260615DR5,NTRFA//B\nSUPPL DETAILS").supplementary == "SUPPL DETAILS")
    }

    /// A whole amount written without its decimal comma is read as whole units (issue 18: some banks
    /// write `C500N…`); a line with no amount at all is still refused, naming the field.
    @Test func aWholeAmountWithoutItsDecimalCommaIsReadAndALineWithoutAnAmountIsRefused() throws {
        #expect(try line("260615C1200NTRF").amount == 1_200_00)
        #expect(throws: MTTransactionLine.Failure.field("amount", "',50' is not an amount with a decimal comma")) { try line("260615C,50NTRF") }
        #expect(throws: MTTransactionLine.Failure.self) { try line("2606X5C1,NTRF") }
    }

    static let statement = """
        {1:F01BANKXXXX0000000000}{2:I940BANKXXXXN}{4:
        :20:S1
        :25:ACC-1
        :28C:7/1
        :60F:C261130EUR100,00
        :61:2612010201D20,NTRFNONREF//B1
        :86:/EREF/E-1/REMI/USTD//rent/
        :61:261201C5,25NTRFINV77//B2
        :62F:C261201EUR85,25
        :86:statement text
        -}
        """

    @Test func readingInTinyChunksGivesTheSameRows() throws {
        let bytes = Array(Self.statement.utf8)
        var whole = MemorySource(bytes: bytes, step: 1 << 20), tiny = MemorySource(bytes: bytes, step: 3)
        let a = try MTSampleTests.read(source: &whole, path: "s.sta"), b = try MTSampleTests.read(source: &tiny, path: "s.sta")
        #expect(a.table.amount == [-20_00, 5_25] && b.table.amount == a.table.amount)
        #expect(a.table.bookingDate == b.table.bookingDate && a.table.date(0) == Day(iso: "2027-02-01"), "entry date 0201 after value date 2612-01 is next year's")
        #expect(a.table.endToEndId.string(0) == "E-1" && a.table.endToEndId.string(1) == "INV77")
        #expect(a.statements.first?.balanceGap == 0 && a.statements.first?.id == "S1/7/1")
    }

    @Test func aBadBalanceStopsTheReadNamingLineAndField() throws {
        let bytes = Array(Self.statement.replacingOccurrences(of: ":62F:C261201EUR85,25", with: ":62F:C261201EUR85.25").utf8)
        var source = MemorySource(bytes: bytes, step: 64)
        #expect(throws: InputError.badRecord(path: "s.sta", line: 9, field: ":62F:", reason: "'C261201EUR85.25' is not a balance (C|D, YYMMDD, currency, amount)")) {
            _ = try MTSampleTests.read(source: &source, path: "s.sta")
        }
    }

    @Test func continuationPagesWithIntermediateBalancesEachReconcile() throws {
        let text = """
            :20:S2
            :25:ACC-2
            :28C:8/1
            :60F:C261201EUR10,00
            :61:261201C1,00NTRFNONREF//P1
            :62M:C261201EUR11,00
            -
            :20:S2
            :25:ACC-2
            :28C:8/2
            :60M:C261201EUR11,00
            :61:261201D2,50NTRFNONREF//P2
            :62F:C261201EUR8,50
            -
            """
        var source = MemorySource(bytes: Array(text.utf8), step: 16)
        let out = try MTSampleTests.read(source: &source, path: "pages.sta")
        #expect(out.statements.map(\.id) == ["S2/8/1", "S2/8/2"])
        #expect(out.statements.map(\.openingBalance) == [10_00, 11_00] && out.statements.map(\.closingBalance) == [11_00, 8_50])
        #expect(out.statements.allSatisfy { $0.balanceGap == 0 } && out.table.amount == [1_00, -2_50])
    }
}
