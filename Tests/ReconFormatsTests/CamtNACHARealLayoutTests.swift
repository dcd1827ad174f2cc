import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// camt and NACHA files as banks really write them (issue 18): the public files of
/// `../shared/bank-samples` with the figures its MANIFEST gives, and fixtures for the other layouts.
@Suite struct CamtNACHARealLayoutTests {
    /// An anonymised real camt.053.001.08 (Lithuanian bank) whose balances carry no CdtDbtInd and
    /// entries no Sts: the statement's own balances decide the reading.
    @Test(.enabled(if: SharedSamples.available("camt/subite_CAMT_053_2024-04-11.xml"), "needs ../shared/bank-samples"))
    func camtWithoutBalanceMarksOrEntryStatusesIsReadTheOneWayItsBalancesAllow() throws {
        let r = try CamtRead(file: try #require(SharedSamples.path("camt/subite_CAMT_053_2024-04-11.xml")))
        #expect(r.table.count == 15 && r.table.amount.reduce(0, +) == -4_269_179_76)
        let s = r.statements
        #expect(s.count == 2)
        #expect(s[0].openingBalance == 21_463_830_35 && s[0].closingBalance == 17_194_650_59 && s[0].balanceGap == 0)
        #expect(s[0].assumptions == [
            "balance OPBD and CLBD without CdtDbtInd read opening as credit (CRDT), closing as credit (CRDT): the only reading by which opening + entries = closing",
            "15 entries without Sts read as booked (BOOK)"])
        // The second statement has no entries and equal balances: it reconciles whichever their sign,
        // and the sign is not guessed.
        #expect(s[1].balanceGap == 0 && s[1].movementCount == 0 && s[1].balanceSignUnknown)
        #expect(!s[0].balanceSignUnknown)
    }

    static func statement(opening: String, closing: String, entries: [(String, String)], version: String = "053.001.02",
                          root: String = "BkToCstmrStmt", block: String = "Stmt", balanceType: (String) -> String = {
                              "<Tp><CdOrPrtry><Cd>\($0)</Cd></CdOrPrtry></Tp>"
                          }) -> String {
        let balances = [("OPBD", opening), ("CLBD", closing)].map { type, amount in
            "<Bal>\(balanceType(type))<Amt Ccy=\"EUR\">\(amount)</Amt><Dt><Dt>2024-04-11</Dt></Dt></Bal>"
        }.joined()
        let ntries = entries.enumerated().map { i, e in
            "<Ntry><Amt Ccy=\"EUR\">\(e.0)</Amt><CdtDbtInd>\(e.1)</CdtDbtInd><BookgDt><Dt>2024-04-11</Dt></BookgDt><AcctSvcrRef>E\(i + 1)</AcctSvcrRef></Ntry>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.\(version)"><\(root)><GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-04-11T10:00:00</CreDtTm></GrpHdr>
            <\(block)><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\(balances)\(ntries)</\(block)></\(root)></Document>
            """
    }

    @Test func balancesWithoutAMarkAreRefusedWhenNoReadingOrMoreThanOneMakesTheStatementReconcile() throws {
        // A debit balance: only opening -100.00 + 30.00 = closing -70.00 holds.
        let debit = try CamtRead(Self.statement(opening: "100.00", closing: "70.00", entries: [("30.00", "CRDT")]))
        #expect(debit.statements[0].openingBalance == -100_00 && debit.statements[0].closingBalance == -70_00)
        #expect(debit.statements[0].assumptions.first?.contains("opening as debit (DBIT), closing as debit (DBIT)") == true)
        // No reading holds: refused, naming the field.
        #expect(throws: InputError.self) { try CamtRead(Self.statement(opening: "100.00", closing: "70.00", entries: [("10.00", "CRDT")])) }
        do {
            _ = try CamtRead(Self.statement(opening: "100.00", closing: "70.00", entries: [("10.00", "CRDT")]))
        } catch let e as InputError {
            #expect("\(e)".contains("Bal/CdtDbtInd") && "\(e)".contains("no reading of it as credit or debit"), "\(e)")
        }
        // Opening 50.00 + entries -100.00 = closing -50.00 or opening -50.00 ... : (+50 → -50) holds and so
        // does nothing else; but with entries of 0 and opening = closing the sign stays unknown (above).
        let cross = try CamtRead(Self.statement(opening: "50.00", closing: "50.00", entries: [("100.00", "DBIT")]))
        #expect(cross.statements[0].openingBalance == 50_00 && cross.statements[0].closingBalance == -50_00)
    }

    /// camt.052.001.01 (`BkToCstmrAcctRptV01`, balance types as `Tp/Cd`), as hbci4java and
    /// genkgo/camt read it.
    @Test func camt052Version1AccountReportsAreRead() throws {
        let xml = Self.statement(opening: "100.00", closing: "130.00", entries: [("30.00", "CRDT")], version: "052.001.01",
                                 root: "BkToCstmrAcctRptV01", block: "Rpt", balanceType: { "<Tp><Cd>\($0)</Cd></Tp>" })
        let r = try CamtRead(xml)
        #expect(r.table.count == 1 && r.table.amount == [30_00])
        #expect(r.statements.count == 1 && r.statements[0].openingBalance == 100_00 && r.statements[0].closingBalance == 130_00)
        #expect(r.statements[0].balanceGap == 0 && r.statements[0].account == "DE89370400440532013000")
    }

    /// A NACHA notification of change whose batch's effective entry date is `000000` (moov-io/ach
    /// test/testdata/cor-example.ach): one zero-amount entry, no money movement, the controls hold.
    @Test(.enabled(if: SharedSamples.available("nacha/moov_cor-example.ach"), "needs ../shared/bank-samples"))
    func aNotificationOfChangeDatedZeroTakesTheFilesCreationDateAndSaysSo() throws {
        let out = try #require(try NACHASampleTests.read("nacha/moov_cor-example.ach"))
        #expect(out.result.rows == 0 && out.amounts.reduce(0, +) == 0)
        let s = try #require(out.statements.first)
        #expect(out.statements.count == 1 && s.controls.allSatisfy(\.holds) && s.closingDate == Day(iso: "2019-08-29"))
        #expect(s.assumptions == ["batch 0000001: effective entry date 000000 and no settlement date; the file's creation date 2019-08-29 is used"])
    }
}

/// OFX with an empty `<CURDEF>` where each transaction carries its currency (`CURRENCY/CURSYM`), as
/// some European banks' OFX exports write it (ofxparse's and ofxtools' issue threads).
@Suite struct OFXRealLayoutTests {
    static func ofx(curdef: String, symbols: [String]) -> String {
        let transactions = symbols.enumerated().map { i, sym in
            "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240105<TRNAMT>-\(i + 1)0.50<FITID>F\(i + 1)<NAME>SHOP \(i + 1)"
                + (sym.isEmpty ? "" : "<CURRENCY><CURRATE>1.0<CURSYM>\(sym)</CURRENCY>") + "</STMTTRN>"
        }.joined(separator: "\n")
        return """
            OFXHEADER:100
            DATA:OFXSGML
            <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>\(curdef)
            <BANKACCTFROM><BANKID>1<ACCTID>FR7630006000011234567890189<ACCTTYPE>CHECKING</BANKACCTFROM>
            <BANKTRANLIST><DTSTART>20240101<DTEND>20240131
            \(transactions)
            </BANKTRANLIST><LEDGERBAL><BALAMT>969.00<DTASOF>20240131</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
            """
    }

    static func read(_ text: String) throws -> MTSampleTests.Output {
        var source = MemorySource(text, step: 11)
        return try MTSampleTests.read(source: &source, path: "empty-curdef.ofx", spec: "ofx")
    }

    @Test func anEmptyCURDEFTakesTheCurrencyEveryTransactionNames() throws {
        let out = try Self.read(Self.ofx(curdef: "", symbols: ["EUR", "EUR"]))
        #expect(out.result.rows == 2 && out.amounts == [-10_50, -20_50] && out.amounts.reduce(0, +) == -31_00)
        let s = try #require(out.statements.first)
        #expect(s.currency == "EUR" && s.closingBalance == 969_00)
        #expect(s.assumptions == ["CURDEF empty: the currency its 2 transaction(s) name, EUR, is the statement's"])
        // The same file with CURDEF given reads the same rows.
        let given = try Self.read(Self.ofx(curdef: "EUR", symbols: ["EUR", "EUR"]))
        #expect(given.amounts == out.amounts && given.statements.first?.assumptions == [])
    }

    @Test func anEmptyCURDEFIsRefusedWhenTheTransactionsDoNotNameOneCurrency() throws {
        for symbols in [["EUR", "USD"], ["EUR", ""], [String]()] {
            #expect(throws: InputError.self, "\(symbols)") { try Self.read(Self.ofx(curdef: "", symbols: symbols)) }
        }
    }
}
