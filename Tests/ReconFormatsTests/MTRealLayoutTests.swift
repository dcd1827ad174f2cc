import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// MT940 files as banks really write them (issue 18): the two public files of `../shared/bank-samples`
/// with the figures its MANIFEST gives, and a minimal fixture for each other layout, written after the
/// public file or document named beside it.
@Suite struct MTRealLayoutTests {
    static func read(_ text: String, path: String = "fixture.sta") throws -> MTSampleTests.Output {
        var source = MemorySource(text, step: 7)
        return try MTSampleTests.read(source: &source, path: path)
    }

    static func read(bytes: [UInt8]) throws -> MTSampleTests.Output {
        var source = MemorySource(bytes: bytes, step: 5)
        return try MTSampleTests.read(source: &source, path: "fixture.sta")
    }

    @Test(.enabled(if: SharedSamples.available("mt940/mt940rs_abnamro_mt940.sta"), "needs ../shared/bank-samples"))
    func abnAmroMessagesSeparatedByHeaderLinesAreTwoStatements() throws {
        let out = try #require(try MTSampleTests.read("mt940/mt940rs_abnamro_mt940.sta"))
        let s = out.statements
        #expect(s.count == 2 && out.result.rows == 4 && out.result.rejected == 0)
        #expect(out.amounts == [-5_34, -2_95, -6_45, -8_25] && out.amounts.reduce(0, +) == -22_99)
        #expect(s.map(\.openingBalance) == [1_111_10, 5_555_20] && s.map(\.closingBalance) == [2_222_20, 6_666_83])
        // Neither statement reconciles by its own balances (the MANIFEST says so): the verdict stays.
        #expect(s.map(\.balanceGap) == [-1_125_84, -1_119_88])
        #expect(!out.table.description.string(2).contains("ABNANL2A"), "the header lines are not glued onto a field")
    }

    @Test(.enabled(if: SharedSamples.available("mt940/zilverline_rabobank.txt"), "needs ../shared/bank-samples"))
    func rabobankExportEndingInADOSEndOfFileByteReadsWhole() throws {
        let out = try #require(try MTSampleTests.read("mt940/zilverline_rabobank.txt"))
        #expect(out.result.rows == 11 && out.result.rejected == 0)
        #expect(out.amounts.reduce(0, +) == -10_755_68)
        #expect(out.statements.count == 23 && out.statements.allSatisfy { $0.balanceGap == 0 })
        #expect(out.statements.last?.closingBalance == 6_675_99)
    }

    static let statement = """
        :20:STMT1
        :25:NL91ABNA0417164300
        :28C:1/1
        :60F:C240101EUR1000,00
        :61:2401020102D100,00NTRFREF1//B1
        :86:first
        :62F:C240102EUR900,00
        -
        """

    /// Two exports joined into one file with a DOS end-of-file byte between them (seen when Rabobank
    /// exports are concatenated, zilverline/mt940 spec/fixtures/rabobank.txt).
    @Test func twoExportsJoinedWithAnEndOfFileByteBetweenThemAreBothRead() throws {
        let second = Self.statement.replacingOccurrences(of: "STMT1", with: "STMT2").replacingOccurrences(of: "B1", with: "B2")
        let bytes = Array((Self.statement + "\r\n").utf8) + [0x1A] + Array((second + "\r\n").utf8) + [0x1A]
        let out = try Self.read(bytes: bytes)
        #expect(out.statements.map(\.id) == ["STMT1/1/1", "STMT2/1/1"] && out.statements.allSatisfy { $0.balanceGap == 0 })
        #expect(out.amounts == [-100_00, -100_00] && (0..<2).map { out.table.bankRef.string($0) } == ["B1", "B2"])
    }

    /// A SWIFT envelope with spaces and line breaks around SOH/ETX before `{1:` (as transmission
    /// software writes FIN messages into files; SWIFT FIN user handbook, "message structure").
    @Test func swiftEnvelopesWithWhitespaceAroundTheControlBytesAreRead() throws {
        let body = Self.statement.replacingOccurrences(of: "\n-", with: "\n-}")
        let text = "\u{01} {1:F01ABNANL2AAXXX0000000000}{2:O9401200240102ABNANL2AAXXX00000000002401021200N}{4:\n"
            + body + "\u{03}\n  \u{01}  {1:F01ABNANL2AAXXX0000000000}{2:O9401200240102ABNANL2AAXXX00000000002401021200N}{4:\n"
            + body.replacingOccurrences(of: "STMT1", with: "STMT2") + " \u{03} \n"
        let out = try Self.read(text)
        #expect(out.statements.map(\.id) == ["STMT1/1/1", "STMT2/1/1"] && out.statements.allSatisfy { $0.balanceGap == 0 })
        #expect(out.result.rows == 2 && out.amounts == [-100_00, -100_00])
    }

    /// `:61:` lines as some banks write them (mt940-rs and the Deutsche Bank/Sparkasse MT940 guides):
    /// spaces for the optional entry date, a whole amount without its decimal comma, and a value date
    /// of 30 February.
    @Test func transactionLinesWithBlankEntryDatesWholeAmountsAndThirtiethOfFebruaryAreRead() throws {
        let text = """
            :20:SPK
            :25:10050000/0123456789
            :28C:5/1
            :60F:C240228EUR1000,00
            :61:240228    C500NTRFNONREF//S1
            :86:blank entry date, whole amount
            :61:2402300228D20,50NTRFNONREF//S2
            :86:value date 30 February
            :62F:C240229EUR1479,50
            -
            """
        let out = try Self.read(text)
        #expect(out.result.rows == 2 && out.result.rejected == 0)
        #expect(out.amounts == [500_00, -20_50])
        #expect(out.table.date(0) == Day(iso: "2024-02-28"), "no entry date: booked on the value date")
        #expect(out.table.valueDay(1) == Day(iso: "2024-02-29"), "30 February is read as the month's last day")
        #expect(out.result.notes[1] == "value date 240230 is past its month's end: read as 2024-02-29, the month's last day")
        #expect(out.statements.first?.balanceGap == 0)
    }

    /// Page balances without a currency (`:60M:`, `:62M:` with mark, date and amount only; seen in
    /// Postbank exports parsed by mt940-rs and php-mt940): the statement's currency comes from the
    /// account's other balances.
    @Test func pageBalancesWithoutACurrencyTakeTheAccountsCurrency() throws {
        let text = """
            :20:PAGE
            :25:DE89370400440532013000
            :28C:7/1
            :60F:C240101EUR1000,00
            :61:2401020102D100,00NTRFNONREF//P1
            :62M:C240102900,00
            -
            :20:PAGE
            :25:DE89370400440532013000
            :28C:7/2
            :60M:C240102900,00
            :61:2401030103C50,00NTRFNONREF//P2
            :62F:C240103EUR950,00
            -
            """
        let out = try Self.read(text)
        #expect(out.statements.count == 2 && out.statements.allSatisfy { $0.currency == "EUR" && $0.balanceGap == 0 })
        #expect(out.statements.map(\.closingBalance) == [900_00, 950_00])
        // With no balance of the account giving a currency, it is refused, naming the field.
        let alone = text.replacingOccurrences(of: ":60F:C240101EUR1000,00", with: ":60M:C2401011000,00")
        #expect(throws: InputError.self) { try Self.read(alone) }
    }
}
