import Foundation
import Testing
import ReconCore
@testable import ReconFormats
import ReconTestSupport

/// Reads a file (or memory) with a spec from `formats/`.
func readDelimited(spec name: String, path: String? = nil, text: [UInt8]? = nil, maxRejects: Int = 0)
    throws -> (BankTable, Catalog, BankFileResult) {
    let spec = try FormatRegistry.load(path: Fixture.repositoryRoot + "/formats/\(name).toml")
    var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: maxRejects)
    table.stores = .all
    let result: BankFileResult
    if let path {
        var input = try OpenedInput(path: path)
        result = try spec.bankReader!.read(source: &input, path: path, fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
    } else {
        var source = MemorySource(bytes: text!, step: 7)
        result = try spec.bankReader!.read(source: &source, path: "mem.csv", fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
    }
    return (table, catalog, result)
}

@Suite struct DelimitedRealFileTests {
    @Test(.enabled(if: SharedSamples.available("csv/icbc_debit-v2.csv"), "needs ../shared/bank-samples")) func icbcExportWithPreamblePaddingAndSplitColumns() throws {
        let path = try #require(SharedSamples.path("csv/icbc_debit-v2.csv"))
        let (t, catalog, r) = try readDelimited(spec: "icbc-debit-v2", path: path)
        #expect(r.rows == 11)
        #expect(t.amount.filter { $0 > 0 }.reduce(0, +) == 284_174)
        #expect(t.amount.filter { $0 < 0 }.reduce(0, +) == -424_108)
        #expect(catalog.accounts.string(t.account[0]) == "1234****9876")
        #expect(catalog.currencies.string(t.currency[0]) == "CNY")
        #expect(t.bookingDate[0] == Day(iso: "2023-05-02")!.rawValue)
        #expect(t.counterparty.string(1) == "张三")
        let s = try #require(r.statements.first)
        #expect(s.movementCount == 11 && s.movementSum == -139_934)
        // The public sample's 人民币合计 line is anonymised (1,234.56 / 9,876.54): declared, read, and not equal.
        #expect(s.controls == [ControlTotal(name: "人民币合计 credit total", declared: 123_456, computed: 284_174),
                               ControlTotal(name: "人民币合计 debit total", declared: 987_654, computed: 424_108)])
    }

    @Test(.enabled(if: SharedSamples.available("csv/alipay_gb18030.csv"), "needs ../shared/bank-samples")) func alipayGB18030WithDirectionNeutralAndClosedRows() throws {
        let path = try #require(SharedSamples.path("csv/alipay_gb18030.csv"))
        let (t, catalog, r) = try readDelimited(spec: "alipay", path: path)
        #expect(r.encoding == "gb18030")
        #expect(r.rows == 5 && r.skipped == 5)
        #expect(t.amount == [-4974, -2000, 22_222_850, -990, -8200])
        #expect(catalog.accounts.string(t.account[0]) == "xx@gmail.com")
        #expect(t.description.string(0) == "亲情卡 亲友代付")
        #expect(t.endToEndId.string(0) == "20230xxxxxxx014741014xxxxxx")
        // The preamble declares 收入 1 笔 28.50 元 and 支出 63 笔 16.54 元: the public sample is cut short.
        let controls = try #require(r.statements.first).controls
        #expect(controls.map(\.declared) == [1, 2850, 63, 1654])
        #expect(controls.map(\.computed) == [1, 22_222_850, 4, 16_164])
    }

    @Test(.enabled(if: SharedSamples.available("csv/bocom_debit.csv"), "needs ../shared/bank-samples")) func bocomAmountWithDirectionRunningBalanceAndReferenceFromText() throws {
        let path = try #require(SharedSamples.path("csv/bocom_debit.csv"))
        let (t, _, r) = try readDelimited(spec: "bocom-debit", path: path)
        #expect(t.amount == [123, -321, 2, 1000, -1000, -10079])
        #expect(t.endToEndId.string(5) == "20250123123213213131321313131")
        #expect(t.bankRef.string(0) == "1")
        // The public sample's balances are anonymised and do not chain: every step is reported.
        let controls = try #require(r.statements.first).controls
        #expect(controls.count == 5)
        #expect(controls[0] == ControlTotal(name: "running balance at line 3", declared: 233_462, computed: 133_142))
    }

    @Test(.enabled(if: SharedSamples.available("csv/oca_meta_data_separated_credit_debit.csv"), "needs ../shared/bank-samples")) func frenchExportWithDecimalCommaAndBalancesOutsideTheData() throws {
        let path = try #require(SharedSamples.path("csv/oca_meta_data_separated_credit_debit.csv"))
        let (t, catalog, r) = try readDelimited(spec: "fr-debit-credit", path: path)
        #expect(t.amount == [-5000, -10000, -8068, 130_000])
        #expect(t.bookingDate[2] == Day(iso: "2020-04-02")!.rawValue)
        #expect(catalog.currencies.string(t.currency[0]) == "EUR")
        let s = try #require(r.statements.first)
        #expect(s.account == "08088804068")
        #expect(s.openingBalance == 3_000_077 && s.closingBalance == 3_107_011)
        #expect(s.movementSum == 106_932)
        #expect(s.balanceGap == -2, "30000.77 + 1069.32 = 31070.09, the file states 31070.11")
    }

    @Test func formatsAreDetectedFromTheirFirstBytes() throws {
        let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
        for (file, name) in [("csv/icbc_debit-v2.csv", "icbc-debit-v2"), ("csv/alipay_gb18030.csv", "alipay"),
                             ("csv/bocom_debit.csv", "bocom-debit"), ("csv/oca_meta_data_separated_credit_debit.csv", "fr-debit-credit")] {
            guard let path = SharedSamples.path(file) else { return }
            #expect(try registry.detect(OpenedInput(path: path), side: .bank).name == name)
        }
        #expect(try registry.detect(OpenedInput(path: Fixture.repositoryRoot + "/samples/bank.csv"), side: .bank).name == "canonical-bank")
    }
}

@Suite struct DelimitedEncodingTests {
    let body = "交易日期,金额,对方户名\n2026-11-20,-12.50,张三\n2026-11-21,\"1,000.00\",Zoë\n"
    let spec = """
        family = "delimited"
        encoding = "%@"
        [delimited]
        account = "A1"
        currency = "CNY"
        thousands_separator = ","
        [delimited.columns]
        booking_date = "交易日期"
        amount = "金额"
        counterparty = "对方户名"
        """

    func read(_ encoding: String, _ bytes: [UInt8]) throws -> BankTable {
        let s = try FormatSpec(toml: spec.replacingOccurrences(of: "%@", with: encoding), path: "test.toml")
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        var source = MemorySource(bytes: bytes, step: 5)
        _ = try s.bankReader!.read(source: &source, path: "x.csv", fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
        return table
    }

    @Test(arguments: ["gb18030", "utf-16le", "utf-16be", "utf-16"])
    func nonUTF8FilesAreConvertedWhileStreaming(_ encoding: String) throws {
        var text = body
        if encoding == "gb18030" { text = text.replacingOccurrences(of: "Zoë", with: "王五") }
        let enc: String.Encoding = encoding == "utf-16le" ? .utf16LittleEndian : (encoding == "utf-16be" ? .utf16BigEndian : .utf16)
        let bytes: [UInt8] = encoding == "gb18030"
            ? try Transcoder.fromUTF8(text, to: "GB18030")
            : Array(text.data(using: enc)!)
        let t = try read(encoding, bytes)
        #expect(t.amount == [-1250, 100_000])
        #expect(t.counterparty.string(0) == "张三")
    }

    @Test func latin1IsRead() throws {
        let spec = """
            family = "delimited"
            encoding = "latin-1"
            [delimited]
            account = "A1"
            currency = "EUR"
            decimal_separator = ","
            date_format = "dd.MM.yyyy"
            [delimited.columns]
            booking_date = 1
            amount = 2
            counterparty = 3
            """
        let s = try FormatSpec(toml: spec, path: "latin.toml")
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        var source = MemorySource(bytes: [0x64, 0x2C, 0x61, 0x2C, 0x63, 0x0A] + Array("20.11.2026,\"-3,5\",Caf".utf8) + [0xE9, 0x0A])
        _ = try s.bankReader!.read(source: &source, path: "l.csv", fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
        #expect(table.amount == [-350])
        #expect(table.counterparty.string(0) == "Café")
    }

    @Test func invalidBytesInTheDeclaredEncodingStopWithTheirOffset() throws {
        do {
            _ = try read("gb18030", try Transcoder.fromUTF8("交易日期,金额,对方户名\n", to: "GB18030") + [0x81, 0x20, 0x0A])
            Issue.record("expected an error")
        } catch let InputError.badRecord(path, _, _, reason) {
            #expect(path == "x.csv" && reason.contains("not valid gb18030"), "\(reason)")
        }
    }
}

@Suite struct DelimitedSpecTests {
    @Test func anUnknownKeyIsRefusedWithItsDottedName() {
        let text = "family = \"delimited\"\n[delimited]\naccount = \"A\"\ncurrency = \"CNY\"\n[delimited.columns]\nbooking_date = 1\namount = 2\namout = 3\n"
        #expect(throws: FormatSpecError.unknownKey(path: "s.toml", key: "delimited.columns.amout")) {
            _ = try FormatSpec(toml: text, path: "s.toml")
        }
    }

    @Test func anAmountStyleIsRequired() {
        let text = "family = \"delimited\"\n[delimited]\naccount = \"A\"\ncurrency = \"CNY\"\n[delimited.columns]\nbooking_date = 1\n"
        #expect(throws: FormatSpecError.missingKey(path: "s.toml", key: "delimited.columns.amount")) {
            _ = try FormatSpec(toml: text, path: "s.toml")
        }
    }

    @Test func aBadRegularExpressionIsRefusedOnLoad() {
        let text = "family = \"delimited\"\n[delimited]\naccount = \"A\"\ncurrency = \"CNY\"\n[delimited.columns]\nbooking_date = 1\namount = 2\n[delimited.reference]\ncolumns = [\"x\"]\npattern = \"(unclosed\"\n"
        #expect(throws: FormatSpecError.self) { _ = try FormatSpec(toml: text, path: "s.toml") }
    }

    @Test func aBadAmountNamesTheLineAndColumn() throws {
        let text = Array("交易日期,金额,对方户名\n2026-11-20,12.5x,张三\n".utf8)
        do {
            _ = try readDelimited(spec: "bocom-debit", text: text)
            Issue.record("expected an error")
        } catch let InputError.missingColumn(_, line, column) {
            #expect(line == 1 && column == "序号")
        }
        let spec = try FormatSpec(toml: "family = \"delimited\"\n[delimited]\naccount = \"A\"\ncurrency = \"CNY\"\n[delimited.columns]\nbooking_date = \"交易日期\"\namount = \"金额\"\n", path: "s.toml")
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        var source = MemorySource(bytes: text)
        #expect(throws: InputError.badRecord(path: "m.csv", line: 2, field: "金额", reason: "'12.5x': invalid character at position 5 of the amount")) {
            _ = try spec.bankReader!.read(source: &source, path: "m.csv", fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
        }
    }
}
