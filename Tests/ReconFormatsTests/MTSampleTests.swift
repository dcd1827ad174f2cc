import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Every MT940 and MT942 file of `../shared/bank-samples` (see its MANIFEST.txt), read through the
/// shipped specs, with the numbers the files themselves state.
@Suite struct MTSampleTests {
    struct Output {
        var table: BankTable
        var result: BankFileResult
        var rejects: RejectLog
        var statements: [StatementSummary] { result.statements }
        func text(_ c: TextColumn, _ i: Int) -> String { c.string(i) }
        var amounts: [Int64] { table.amount }
    }

    static func read(_ relative: String, spec: String = "mt940", maxRejects: Int = 0) throws -> Output? {
        guard let path = SharedSamples.path(relative) else { return nil }
        var source = try FileByteSource(path: path)
        return try read(source: &source, path: path, spec: spec, maxRejects: maxRejects)
    }

    static func read<S: ByteSource>(source: inout S, path: String, spec: String = "mt940", maxRejects: Int = 0) throws -> Output {
        let reader = try #require(try FormatRegistry.load(path: Fixture.repositoryRoot + "/formats/\(spec).toml").bankReader)
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: maxRejects)
        table.stores = .all
        let result = try reader.read(source: &source, path: path, fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
        return Output(table: table, result: result, rejects: rejects)
    }

    @Test(.enabled(if: SharedSamples.available("mt940/cmxl_mt940.sta"), "needs ../shared/bank-samples")) func cmxlHasThreeStatementsThatEachReconcile() throws {
        let out = try #require(try Self.read("mt940/cmxl_mt940.sta"))
        let s = out.statements
        #expect(s.map(\.id) == ["131110/27/01", "1234567/5/1", "TELEWIZORY S.A./00084/001"])
        #expect(s.map(\.account) == ["45050050/76198810", "10020030/1234567", "BPHKPLPK/320000546101"])
        #expect(s.map(\.currency) == ["DEM", "EUR", "PLN"])
        #expect(s.map(\.openingBalance) == [84_349_74, 2_187_95, 40_000_00])
        #expect(s.map(\.closingBalance) == [84_437_04, 4_387_95, 50_040_00])
        #expect(s.map(\.movementCount) == [11, 2, 3])
        #expect(s.map(\.movementSum) == [87_30, 2_200_00, 10_040_00])
        #expect(s.allSatisfy { $0.balanceGap == 0 })
        #expect(out.result.rows == 16 && out.result.rejected == 0)
        // 131015D14220,NBOEN: value date only, a debit of 14220.00, no entry date.
        #expect(out.amounts[3] == -1_422_000 && out.table.date(3) == Day(iso: "2013-10-15"))
        #expect(out.text(out.table.endToEndId, 0) == "16703074", "the customer reference stands in for the end-to-end id")
        #expect(out.text(out.table.endToEndId, 1) == "", "a one-letter customer reference is none")
    }

    @Test(.enabled(if: SharedSamples.available("mt940/jejik_rabobank-iban.sta"), "needs ../shared/bank-samples")) func rabobankHasTwoChainedStatementsWithDutchStructuredInformation() throws {
        let out = try #require(try Self.read("mt940/jejik_rabobank-iban.sta"))
        let s = out.statements
        #expect(s.count == 2 && s.allSatisfy { $0.account == "NL71RABO0123456789" && $0.currency == "EUR" && $0.balanceGap == 0 })
        #expect(s.map(\.openingBalance) == [1_000_00, 965_00] && s.map(\.closingBalance) == [965_00, 930_00])
        #expect(s.map(\.movementSum) == [-35_00, -35_00])
        #expect(out.amounts == [-25_00, -10_00, -25_00, -10_00])
        #expect(out.text(out.table.endToEndId, 0) == "01-01-2013 12:00 0030000987654321")
        #expect(out.text(out.table.counterparty, 0) == "CONTRA ACCOUNT HOLDER", "a name wrapped at the line's width joins up")
        #expect(out.text(out.table.counterparty, 1) == "JOHN DOE" && out.text(out.table.description, 1) == "Reference 201301234")
        #expect(Set((0..<4).map { out.text(out.table.bankRef, $0) }).count == 4, "generated references are unique across statements")
    }

    @Test(.enabled(if: SharedSamples.available("mt940/oca_test-ing.940"), "needs ../shared/bank-samples")) func ingWithSwiftBlockHeadersWrappedFieldsAndDashLinesInsideItsText() throws {
        let out = try #require(try Self.read("mt940/oca_test-ing.940"))
        let s = try #require(out.statements.first)
        #expect(out.statements.count == 1)
        #expect(s.account == "NL77INGB0574908765", "the currency after the IBAN is not part of it")
        #expect(s.id == "P140220000000001/00000", ":28C: wrapped onto the next line")
        #expect(s.openingBalance == 662_23 && s.closingBalance == 564_35 && s.movementCount == 8 && s.movementSum == -97_88 && s.balanceGap == 0)
        #expect(out.amounts == [1_56, -1_57, 1_57, -1_14, 1_45, -12_75, 32_00, -119_00])
        #expect(out.text(out.table.endToEndId, 0) == "EV12341REP1231456T1234")
        #expect(out.text(out.table.counterparty, 0) == "ING BANK NV INZAKE WEB")
        #expect(out.text(out.table.description, 0) == "EV10001REP1000000T1000")
        #expect(out.text(out.table.endToEndId, 1) == "M000000003333333", "a batch's PREF when there is no EREF")
        #expect(out.text(out.table.endToEndId, 3) == "EV123REP123412T1234", "a '-' line inside :86: is text, not the end")
        #expect(out.text(out.table.description, 5) == "CONTRIBUTIE FEB 2014")
        #expect(out.text(out.table.bankRef, 6) == "00000000001011")
        #expect(out.text(out.table.description, 6) == "9001123412341234", "REMI/STRD/CUR: the structured reference")
    }

    @Test(.enabled(if: SharedSamples.available("mt940/betterplace_with_binary_character.sta"), "needs ../shared/bank-samples")) func germanSubfieldsAndUmlautsInTheStatementReference() throws {
        let out = try #require(try Self.read("mt940/betterplace_with_binary_character.sta"))
        let s = out.statements
        #expect(s.count == 2 && s.allSatisfy { $0.balanceGap == 0 && $0.currency == "EUR" })
        #expect(s.map(\.account) == ["51230800/0000007055", "51230800/0000007304"])
        #expect(s.map(\.movementSum) == [-180_186_75, 1_120_00])
        #expect(out.amounts == [27_00, 13_068_30, -193_282_05, 1_120_00])
        #expect(out.text(out.table.counterparty, 0) == "PAYPAL" && out.text(out.table.bankRef, 0) == "32-P1-TCS49518")
        #expect(out.text(out.table.counterparty, 1) == "WIRECARD BANK AG")
        #expect(out.text(out.table.description, 1) == "BETTERPLACE WDB E08.03.10-14.03.10", "?20 and ?21 join")
    }

    @Test(.enabled(if: SharedSamples.available("mt940/self-provided_multiline.sta"), "needs ../shared/bank-samples")) func aStatementLevelInformationAfterTheClosingAndAStrayLineAfterTheEnd() throws {
        let path = try #require(SharedSamples.path("mt940/self-provided_multiline.sta"))
        // The stray :61: after the '-' belongs to no statement: with no rejects allowed, the read stops naming it.
        var source = try FileByteSource(path: path)
        #expect(throws: InputError.self) { _ = try Self.read(source: &source, path: path) }
        guard let out = try Self.read("mt940/self-provided_multiline.sta", maxRejects: 1) else { return }
        let s = try #require(out.statements.first)
        #expect(out.statements.count == 1 && out.result.rejected == 1)
        #expect(out.rejects.rejects.first?.line == 38 && out.rejects.rejects.first?.field == ":61:")
        #expect(s.openingBalance == 16_40 && s.closingBalance == 11_40 && s.movementCount == 1 && s.movementSum == -5_00 && s.balanceGap == 0,
                "the stray line is not attached to the statement; the statement's own :86: makes no row")
        // 0408040804DR5,: a debit with funds code R; the entry date 0804 in the value date's year.
        #expect(out.amounts == [-5_00] && out.table.date(0) == Day(iso: "2004-08-04"))
        #expect(out.text(out.table.counterparty, 0) == "NOM DU DO / BENEFICIAIRE 11NOM DU DO / BENEFICIAIRE 22")
        #expect(out.text(out.table.bankRef, 0) == "MUL0408041114005" && out.text(out.table.endToEndId, 0) == "REFERENCE DO 111")
    }

    @Test(.enabled(if: SharedSamples.available("mt942/mBank_mt942.sta"), "needs ../shared/bank-samples")) func mt942ReportsItsDebitAndCreditTotalsAndTheyHold() throws {
        let out = try #require(try Self.read("mt942/mBank_mt942.sta", spec: "mt942"))
        let s = try #require(out.statements.first)
        #expect(out.result.format == "mt942")
        #expect(s.account == "PL29114010810000267002001002" && s.currency == "PLN" && s.id == "ST170119CYC/0001/1/1")
        #expect(s.openingBalance == nil && s.closingBalance == nil && s.closingDate == Day(iso: "2017-01-19"))
        #expect(s.movementCount == 3 && s.movementSum == 3)
        #expect(s.controls.map(\.name) == [":90D: debit count", ":90D: debit sum", ":90C: credit count", ":90C: credit sum"])
        #expect(s.controls.map(\.declared) == [0, 0, 3, 3] && s.controls.allSatisfy(\.holds))
        #expect((0..<3).map { out.text(out.table.bankRef, $0) } == ["MB170119012058", "MB170119012085", "MB170119012121"])
        #expect(out.text(out.table.description, 0).hasPrefix("911 TRANSAKCJA COLLECT; ID IPH: XX000000000001"))
    }

    @Test func theSpecsAreDetectedFromTheFilesFirstBytes() throws {
        for (file, spec) in [("mt940/cmxl_mt940.sta", "mt940"), ("mt940/oca_test-ing.940", "mt940"), ("mt942/mBank_mt942.sta", "mt942")] {
            guard let path = SharedSamples.path(file) else { return }
            let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
            #expect(try registry.detect(try OpenedInput(path: path), side: .bank).name == spec, "\(file) is detected as \(spec)")
        }
    }
}
