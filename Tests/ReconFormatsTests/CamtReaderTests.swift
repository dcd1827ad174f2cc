import Foundation
import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// One bank row as strings, for assertions.
struct CamtRow: Equatable, CustomStringConvertible {
    var bankRef: String
    var account: String
    var currency: String
    var booking: String
    var value: String
    var amount: Int64
    var endToEndId: String
    var counterparty: String

    init(_ bankRef: String, _ account: String, _ currency: String, _ booking: String, _ value: String, _ amount: Int64,
         _ endToEndId: String, _ counterparty: String) {
        self.bankRef = bankRef; self.account = account; self.currency = currency; self.booking = booking
        self.value = value; self.amount = amount; self.endToEndId = endToEndId; self.counterparty = counterparty
    }

    init(_ t: BankTable, _ catalog: Catalog, _ i: Int) {
        self.init(t.bankRef.string(i), catalog.accounts.string(t.account[i]), catalog.currencies.string(t.currency[i]),
                  Day(rawValue: t.bookingDate[i]).iso, Day(rawValue: t.valueDate[i]).iso, t.amount[i],
                  t.endToEndId.string(i), t.counterparty.string(i))
    }

    var description: String {
        "\(bankRef) \(account) \(currency) \(booking)/\(value) \(amount) e2e=\(endToEndId) cp=\(counterparty)"
    }
}

/// A camt file read by the reader under test.
struct CamtRead {
    var table = BankTable()
    var catalog = Catalog()
    var rejects: RejectLog
    var result: CamtReadResult

    init(_ xml: String, path: String = "test.xml", step: Int = 1 << 20, options: CamtOptions = CamtOptions(),
         maxRejects: Int = 0) throws {
        var source = MemorySource(xml, step: step)
        try self.init(source: &source, path: path, options: options, maxRejects: maxRejects)
    }

    init(file path: String, options: CamtOptions = CamtOptions()) throws {
        var source = try FileByteSource(path: path)
        try self.init(source: &source, path: path, options: options, maxRejects: 0)
    }

    init<S: ByteSource>(source: inout S, path: String, options: CamtOptions, maxRejects: Int) throws {
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: maxRejects)
        result = try CamtBankReader(options: options).readCamt(source: &source, path: path, fileIndex: 0, into: &table,
                                                               catalog: &catalog, rejects: &rejects)
        self.table = table
        self.catalog = catalog
        self.rejects = rejects
    }

    var statements: [StatementSummary] { result.file.statements }
    var rows: [CamtRow] { (0..<table.count).map { CamtRow(table, catalog, $0) } }
}

/// Builds small camt documents for tests.
enum CamtXML {
    static func document(_ statements: String..., message: String = "camt.053.001.02", root: String = "BkToCstmrStmt") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:\(message)">
          <\(root)>
            <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-20T08:00:00+08:00</CreDtTm></GrpHdr>
        \(statements.joined(separator: "\n"))
          </\(root)>
        </Document>

        """
    }

    static func statement(id: String? = "S1", account: String = "<IBAN>NL77ABNA0574908765</IBAN>", currency: String? = "EUR",
                          balances: String = "", tag: String = "Stmt", _ entries: String...) -> String {
        """
            <\(tag)>
              \(id.map { "<Id>\($0)</Id>" } ?? "")
              <CreDtTm>2026-11-19T18:00:00+08:00</CreDtTm>
              <Acct><Id>\(account)</Id>\(currency.map { "<Ccy>\($0)</Ccy>" } ?? "")</Acct>
        \(balances)
        \(entries.joined(separator: "\n"))
            </\(tag)>
        """
    }

    static func balance(_ code: String, _ amount: String, _ indicator: String = "CRDT", currency: String = "EUR",
                        date: String = "<Dt>2026-11-18</Dt>") -> String {
        """
              <Bal><Tp><CdOrPrtry><Cd>\(code)</Cd></CdOrPrtry></Tp><Amt Ccy="\(currency)">\(amount)</Amt>
                <CdtDbtInd>\(indicator)</CdtDbtInd><Dt>\(date)</Dt></Bal>
        """
    }

    static func entry(_ amount: String, _ indicator: String = "CRDT", currency: String? = "EUR", status: String = "<Sts>BOOK</Sts>",
                      booking: String? = "<Dt>2026-11-18</Dt>", value: String? = "<Dt>2026-11-19</Dt>", reference: String? = nil,
                      reversal: String? = nil, batch: String? = nil, _ details: String...) -> String {
        let ccy = currency.map { " Ccy=\"\($0)\"" } ?? ""
        var s = "      <Ntry>\n        <Amt\(ccy)>\(amount)</Amt>\n        <CdtDbtInd>\(indicator)</CdtDbtInd>\n"
        if let reversal { s += "        <RvslInd>\(reversal)</RvslInd>\n" }
        s += "        \(status)\n"
        if let booking { s += "        <BookgDt>\(booking)</BookgDt>\n" }
        if let value { s += "        <ValDt>\(value)</ValDt>\n" }
        if let reference { s += "        <AcctSvcrRef>\(reference)</AcctSvcrRef>\n" }
        s += "        <BkTxCd/>\n"
        if !details.isEmpty || batch != nil {
            s += "        <NtryDtls>\n"
            if let batch { s += "          <Btch><PmtInfId>\(batch)</PmtInfId><NbOfTxs>\(details.count)</NbOfTxs></Btch>\n" }
            s += details.joined(separator: "\n") + "\n        </NtryDtls>\n"
        }
        return s + "      </Ntry>"
    }

    static func detail(e2e: String? = nil, amount: String? = nil, currency: String = "EUR", indicator: String? = nil,
                       debtor: String? = nil, creditor: String? = nil, party v8: Bool = false, remittance: [String] = []) -> String {
        var s = "          <TxDtls>\n"
        if let e2e { s += "            <Refs><EndToEndId>\(e2e)</EndToEndId></Refs>\n" }
        if let amount { s += "            <AmtDtls><TxAmt><Amt Ccy=\"\(currency)\">\(amount)</Amt></TxAmt></AmtDtls>\n" }
        if let indicator { s += "            <CdtDbtInd>\(indicator)</CdtDbtInd>\n" }
        if debtor != nil || creditor != nil {
            func party(_ tag: String, _ name: String?) -> String {
                guard let name else { return "" }
                return v8 ? "<\(tag)><Pty><Nm>\(name)</Nm></Pty></\(tag)>" : "<\(tag)><Nm>\(name)</Nm></\(tag)>"
            }
            s += "            <RltdPties>\(party("Dbtr", debtor))\(party("Cdtr", creditor))</RltdPties>\n"
        }
        if !remittance.isEmpty { s += "            <RmtInf>" + remittance.map { "<Ustrd>\($0)</Ustrd>" }.joined() + "</RmtInf>\n" }
        return s + "          </TxDtls>"
    }

    /// The 1-based line of the `occurrence`-th `needle` in `text`.
    static func line(of needle: String, in text: String, occurrence: Int = 1) -> Int {
        var found = 0
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            found += line.components(separatedBy: needle).count - 1
            if found >= occurrence { return n + 1 }
        }
        return -1
    }
}

@Suite struct CamtReaderTests {
    @Test func pendingInformationAndFutureEntriesAreCountedButNotBooked() throws {
        let xml = CamtXML.document(CamtXML.statement(
            balances: CamtXML.balance("OPBD", "100.00") + "\n" + CamtXML.balance("CLBD", "110.00"),
            CamtXML.entry("10.00", reference: "B1"),
            CamtXML.entry("5.00", status: "<Sts>PDNG</Sts>", reference: "P1"),
            CamtXML.entry("6.00", status: "<Sts>INFO</Sts>", reference: "I1"),
            CamtXML.entry("7.00", status: "<Sts><Cd>FUTR</Cd></Sts>", reference: "F1"),
            CamtXML.entry("8.00", status: "<Sts><Cd>PDNG</Cd></Sts>", reference: "P2")))
        let r = try CamtRead(xml)
        #expect(r.rows.map(\.bankRef) == ["B1"])
        #expect(r.result.notBooked == 4)
        #expect(r.result.file.rows == 1)
        #expect(r.statements[0].movementCount == 1 && r.statements[0].movementSum == 1000)
        #expect(r.statements[0].balanceGap == 0)
    }

    @Test func version8StatusCodeBookIsBooked() throws {
        let r = try CamtRead(CamtXML.document(CamtXML.statement(CamtXML.entry("1.00", status: "<Sts><Cd>BOOK</Cd></Sts>"))))
        #expect(r.table.count == 1 && r.result.notBooked == 0)
    }

    @Test func anUnknownStatusIsAnErrorNamingTheElement() throws {
        let xml = CamtXML.document(CamtXML.statement(CamtXML.entry("1.00", status: "<Sts>DONE</Sts>")))
        #expect(throws: InputError.badRecord(path: "test.xml", line: CamtXML.line(of: "<Sts>", in: xml), field: "Ntry/Sts",
                                             reason: "unknown entry status 'DONE' (expected BOOK, PDNG, INFO or FUTR)")) {
            _ = try CamtRead(xml)
        }
    }

    @Test func notProvidedEndToEndIdIsEmpty() throws {
        let r = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("1.00", reference: "A", CamtXML.detail(e2e: "NOTPROVIDED")),
            CamtXML.entry("2.00", reference: "B", CamtXML.detail(e2e: "E2E-7")),
            CamtXML.entry("3.00", reference: "C"))))
        #expect(r.rows.map(\.endToEndId) == ["", "E2E-7", ""])
        #expect(r.table.endToEndHash[0] == 0 && r.table.endToEndHash[1] != 0)
    }

    @Test func dateTimesKeepTheDateAsWrittenWithoutTimeZoneShift() throws {
        let xml = CamtXML.document(CamtXML.statement(
            balances: CamtXML.balance("OPBD", "0.00", date: "<DtTm>2026-11-17T23:59:59-05:00</DtTm>"),
            CamtXML.entry("1.00", booking: "<DtTm>2014-12-31T23:30:00-05:00</DtTm>",
                          value: "<DtTm>2015-01-01T00:10:00+14:00</DtTm>"),
            CamtXML.entry("2.00", booking: "<Dt>2014-12-30+01:00</Dt>", value: "<DtTm>2014-12-30T12:00:00Z</DtTm>")))
        let r = try CamtRead(xml)
        #expect(r.rows.map(\.booking) == ["2014-12-31", "2014-12-30"])
        #expect(r.rows.map(\.value) == ["2015-01-01", "2014-12-30"])
        #expect(r.statements[0].openingDate == Day(iso: "2026-11-17"))
    }

    @Test func bookingDateFallsBackToValueDateThenStatementCreationDate() throws {
        let r = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("1.00", booking: nil, value: "<Dt>2026-11-10</Dt>"),
            CamtXML.entry("2.00", booking: nil, value: nil))))
        #expect(r.rows.map(\.booking) == ["2026-11-10", "2026-11-19"])
        #expect(r.rows.map(\.value) == ["2026-11-10", "2026-11-19"])
    }

    @Test func severalStatementsPerFileEachHaveTheirSummary() throws {
        let first = CamtXML.statement(
            id: "STMT-A", balances: CamtXML.balance("OPBD", "1000.00") + "\n" + CamtXML.balance("CLBD", "899.50"),
            CamtXML.entry("100.50", "DBIT", reference: "A1"))
        let second = CamtXML.statement(
            id: "STMT-B", account: "<Othr><Id>6222000000000001</Id></Othr>", currency: "JPY",
            balances: CamtXML.balance("PRCD", "500", "DBIT", currency: "JPY") + "\n" + CamtXML.balance("CLBD", "1500", currency: "JPY"),
            CamtXML.entry("1000", currency: "JPY", reference: "B1"), CamtXML.entry("1000", currency: "JPY", reference: "B2"))
        let xml = CamtXML.document(first, second)
        let r = try CamtRead(xml)
        #expect(r.statements.map(\.id) == ["STMT-A", "STMT-B"])
        #expect(r.statements.map(\.account) == ["NL77ABNA0574908765", "6222000000000001"])
        #expect(r.statements.map(\.currency) == ["EUR", "JPY"])
        #expect(r.statements.map(\.openingBalance) == [100_000, -500])
        #expect(r.statements.map(\.closingBalance) == [89_950, 1500])
        #expect(r.statements.map(\.movementCount) == [1, 2])
        #expect(r.statements.map(\.movementSum) == [-10_050, 2000])
        #expect(r.statements.map(\.balanceGap) == [0, 0])
        #expect(r.statements.map(\.line) == [CamtXML.line(of: "<Stmt>", in: xml), CamtXML.line(of: "<Stmt>", in: xml, occurrence: 2)])
        #expect(r.rows.map(\.amount) == [-10_050, 1000, 1000])
        #expect(r.table.line.map(Int.init) == [CamtXML.line(of: "<Ntry>", in: xml), CamtXML.line(of: "<Ntry>", in: xml, occurrence: 2),
                                                CamtXML.line(of: "<Ntry>", in: xml, occurrence: 3)])
    }

    @Test func accountReportsAndNotificationsAreRead() throws {
        let report = CamtXML.document(
            CamtXML.statement(id: "R1", currency: nil, balances: CamtXML.balance("ITBD", "50.00"), tag: "Rpt",
                              CamtXML.entry("5.00", "DBIT", reference: "X")),
            message: "camt.052.001.06", root: "BkToCstmrAcctRpt")
        let r = try CamtRead(report)
        #expect(r.statements.map(\.id) == ["R1"])
        #expect(r.statements[0].openingBalance == nil && r.statements[0].closingBalance == nil)
        #expect(r.statements[0].balanceGap == nil)
        #expect(r.rows.map(\.amount) == [-500])

        let notification = CamtXML.document(
            CamtXML.statement(id: "N1", currency: nil, tag: "Ntfctn", CamtXML.entry("5.00", currency: "USD", reference: "Y")),
            message: "camt.054.001.04", root: "BkToCstmrDbtCdtNtfctn")
        let n = try CamtRead(notification)
        #expect(n.statements.map(\.currency) == ["USD"])
        #expect(n.rows.map(\.amount) == [500])
    }

    @Test func elementsAreMatchedByLocalNameWhateverThePrefix() throws {
        let xml = """
            <?xml version="1.0"?>
            <c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><c:BkToCstmrStmt>
            <c:Stmt><c:Id>P</c:Id><c:Acct><c:Id><c:IBAN>DE89370400440532013000</c:IBAN></c:Id><c:Ccy>EUR</c:Ccy></c:Acct>
            <c:Ntry><c:Amt Ccy="EUR">12.34</c:Amt><c:CdtDbtInd>DBIT</c:CdtDbtInd><c:Sts>BOOK</c:Sts>
            <c:BookgDt><c:Dt>2026-01-02</c:Dt></c:BookgDt><c:AcctSvcrRef>REF</c:AcctSvcrRef>
            <c:NtryDtls><c:TxDtls><c:Refs><c:EndToEndId>E</c:EndToEndId></c:Refs>
            <c:RltdPties><c:Cdtr><c:Nm>Shop</c:Nm></c:Cdtr></c:RltdPties></c:TxDtls></c:NtryDtls></c:Ntry>
            </c:Stmt></c:BkToCstmrStmt></c:Document>
            """
        let r = try CamtRead(xml)
        #expect(r.rows == [CamtRow("REF", "DE89370400440532013000", "EUR", "2026-01-02", "2026-01-02", -1234, "E", "Shop")])
    }

    @Test func counterpartyIsTheDebtorOfACreditAndTheCreditorOfADebit() throws {
        let r = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("1.00", "CRDT", CamtXML.detail(debtor: "Payer Ltd", creditor: "Us")),
            CamtXML.entry("2.00", "DBIT", CamtXML.detail(debtor: "Us", creditor: "Payee GmbH")),
            CamtXML.entry("3.00", "CRDT", CamtXML.detail(debtor: "张三", creditor: "Us", party: true)),
            CamtXML.entry("4.00", "DBIT", CamtXML.detail(debtor: "Us", creditor: "A &amp; B", party: true)),
            CamtXML.entry("5.00", "CRDT", CamtXML.detail(creditor: "Us")))))
        #expect(r.rows.map(\.counterparty) == ["Payer Ltd", "Payee GmbH", "张三", "A & B", ""])
    }

    @Test func missingAccountServicerReferenceFallsBackToStatementIdAndEntryPosition() throws {
        let r = try CamtRead(CamtXML.document(
            CamtXML.statement(id: "S-9", CamtXML.entry("1.00", reference: "REF"), CamtXML.entry("2.00"),
                              CamtXML.entry("3.00", status: "<Sts>PDNG</Sts>"), CamtXML.entry("4.00")),
            CamtXML.statement(id: nil, CamtXML.entry("5.00"))))
        // Positions count every entry, booked or not, so a reference does not move when a pending
        // entry before it gets booked.
        #expect(r.rows.map(\.bankRef) == ["REF", "S-9-2", "S-9-4", "2-1"])
        #expect(r.statements.map(\.id) == ["S-9", "2"])
    }

    @Test func aBatchIsBookedAsItsTransactionsWhenTheirAmountsAddUp() throws {
        let entry = CamtXML.entry(
            "300.00", "DBIT", reference: "BATCH", batch: "PAYOUT-77",
            CamtXML.detail(e2e: "P-1", amount: "100.00", creditor: "Alice"),
            CamtXML.detail(e2e: "P-2", amount: "200.00", creditor: "Bob"))
        let xml = CamtXML.document(CamtXML.statement(
            balances: CamtXML.balance("OPBD", "1000.00") + "\n" + CamtXML.balance("CLBD", "700.00"), entry))
        let split = try CamtRead(xml)
        #expect(split.rows.map(\.bankRef) == ["BATCH/1", "BATCH/2"])
        #expect(split.rows.map(\.amount) == [-10_000, -20_000])
        #expect(split.rows.map(\.endToEndId) == ["P-1", "P-2"])
        #expect(split.rows.map(\.counterparty) == ["Alice", "Bob"])
        #expect(split.table.line.map(Int.init) == [CamtXML.line(of: "<TxDtls>", in: xml), CamtXML.line(of: "<TxDtls>", in: xml, occurrence: 2)])
        #expect(split.statements[0].movementCount == 2 && split.statements[0].balanceGap == 0)

        var options = CamtOptions()
        options.splitBatches = false
        let whole = try CamtRead(xml, options: options)
        #expect(whole.rows == [CamtRow("BATCH", "NL77ABNA0574908765", "EUR", "2026-11-18", "2026-11-19", -30_000, "PAYOUT-77", "")])
        #expect(whole.statements[0].movementCount == 1 && whole.statements[0].balanceGap == 0)
    }

    @Test func aBatchWhoseDetailsDoNotAddUpIsBookedOnce() throws {
        let r = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("300.00", "DBIT", reference: "A", batch: "B-1",
                          CamtXML.detail(e2e: "P-1", amount: "100.00", creditor: "Same"),
                          CamtXML.detail(e2e: "P-2", amount: "150.00", creditor: "Same")),
            CamtXML.entry("300.00", "DBIT", reference: "B",
                          CamtXML.detail(e2e: "P-3", amount: "100.00"), CamtXML.detail(e2e: "P-4")),
            CamtXML.entry("300.00", "DBIT", reference: "C",
                          CamtXML.detail(e2e: "P-5", amount: "100.00"),
                          CamtXML.detail(e2e: "P-6", amount: "200.00", currency: "USD")))))
        #expect(r.rows.map(\.bankRef) == ["A", "B", "C"])
        #expect(r.rows.map(\.amount) == [-30_000, -30_000, -30_000])
        #expect(r.rows.map(\.endToEndId) == ["B-1", "", ""])
        #expect(r.rows.map(\.counterparty) == ["Same", "", ""])
        #expect(r.statements[0].movementSum == -90_000)
    }

    @Test func batchDetailsWithTheirOwnIndicatorsAddUpSigned() throws {
        // A net entry: 500 in, 200 out, booked as +300.
        let r = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("300.00", "CRDT", reference: "NET",
                          CamtXML.detail(e2e: "IN", amount: "500.00", indicator: "CRDT", debtor: "Payer"),
                          CamtXML.detail(e2e: "OUT", amount: "200.00", indicator: "DBIT", creditor: "Payee")))))
        #expect(r.rows.map(\.amount) == [50_000, -20_000])
        #expect(r.rows.map(\.counterparty) == ["Payer", "Payee"])
        #expect(r.statements[0].movementSum == 30_000)
    }

    @Test func aReversalIsBookedWithTheSignOfItsIndicator() throws {
        let r = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("664.05", "DBIT", reference: "R1", reversal: "true"),
            CamtXML.entry("10.00", "CRDT", reference: "R2", reversal: "true"),
            CamtXML.entry("1.00", "CRDT", reference: "N", reversal: "false"))))
        #expect(r.rows.map(\.amount) == [-66_405, 1000, 100])
    }

    @Test func moreDecimalsThanTheCurrencyAllowsIsRefusedUnlessThoseAreZeros() throws {
        let ok = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("18.150"), CamtXML.entry("27.05000"), CamtXML.entry("1.234", currency: "KWD"),
            CamtXML.entry("100.0", currency: "JPY"))))
        #expect(ok.rows.map(\.amount) == [1815, 2705, 1234, 100])

        let xml = CamtXML.document(CamtXML.statement(CamtXML.entry("1.00"), CamtXML.entry("27.055")))
        #expect(throws: InputError.badRecord(path: "test.xml", line: CamtXML.line(of: "27.055", in: xml), field: "Ntry/Amt",
                                             reason: "'27.055' EUR: more than 2 significant decimals for this currency")) {
            _ = try CamtRead(xml)
        }
        let yen = CamtXML.document(CamtXML.statement(CamtXML.entry("100.5", currency: "JPY")))
        #expect(throws: InputError.self) { _ = try CamtRead(yen) }
    }

    @Test(arguments: [
        ("<BookgDt><Dt>2026-02-30</Dt></BookgDt>", "Ntry/BookgDt/Dt"),
        ("<BookgDt><DtTm>yesterday</DtTm></BookgDt>", "Ntry/BookgDt/DtTm"),
        ("<ValDt><Dt>18.11.2026</Dt></ValDt>", "Ntry/ValDt/Dt"),
        ("<CdtDbtInd>CR</CdtDbtInd>", "Ntry/CdtDbtInd"),
        ("<Amt Ccy=\"EUR\">1,00</Amt>", "Ntry/Amt"),
        ("<Amt Ccy=\"EUR\">-1.00</Amt>", "Ntry/Amt"),
        ("<Amt Ccy=\"eur\">1.00</Amt>", "Ntry/Amt"),
        ("<RvslInd>yes</RvslInd>", "Ntry/RvslInd"),
        ("<NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">x</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>",
         "TxDtls/AmtDtls/TxAmt/Amt"),
    ])
    func aBadValueStopsTheReadNamingFileLineAndElement(_ element: String, _ field: String) throws {
        let xml = CamtXML.document(CamtXML.statement(
            CamtXML.entry("1.00"),
            "      <Ntry>\n        \(element)\n        <Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>\n      </Ntry>"))
        do {
            _ = try CamtRead(xml, path: "bank.xml")
            Issue.record("expected an error")
        } catch let InputError.badRecord(path, line, f, _) {
            #expect(path == "bank.xml")
            #expect(line == CamtXML.line(of: element, in: xml))
            #expect(f == field)
        }
    }

    @Test func aBadEntryIsRejectedWithinTheRejectLimitAndShowsInTheBalance() throws {
        let xml = CamtXML.document(CamtXML.statement(
            balances: CamtXML.balance("OPBD", "0.00") + "\n" + CamtXML.balance("CLBD", "3.00"),
            CamtXML.entry("1.00", reference: "OK1"), CamtXML.entry("1.005", reference: "BAD"), CamtXML.entry("1.00", reference: "OK2")))
        let r = try CamtRead(xml, maxRejects: 1)
        #expect(r.rows.map(\.bankRef) == ["OK1", "OK2"])
        #expect(r.result.file.rejected == 1)
        #expect(r.rejects.rejects.map(\.line) == [CamtXML.line(of: "1.005", in: xml)])
        #expect(r.rejects.rejects.map(\.field) == ["Ntry/Amt"])
        #expect(r.statements[0].balanceGap == -100)
    }

    @Test func aBadBalanceStopsTheReadEvenWhenRejectsAreAllowed() throws {
        let xml = CamtXML.document(CamtXML.statement(balances: CamtXML.balance("CLBD", "3.001"), CamtXML.entry("1.00")))
        #expect(throws: InputError.badRecord(path: "test.xml", line: CamtXML.line(of: ">3.001<", in: xml), field: "Bal/Amt",
                                             reason: "'3.001' EUR: more than 2 significant decimals for this currency")) {
            _ = try CamtRead(xml, maxRejects: 10)
        }
    }

    @Test func balancesAreChosenByTypeCode() throws {
        let balances = ["OPAV", "PRCD", "OPBD", "ITBD", "CLAV", "CLBD", "FWAV", "XPCD"].enumerated()
            .map { CamtXML.balance($0.element, "\($0.offset + 1).00", $0.element == "CLBD" ? "DBIT" : "CRDT") }
            .joined(separator: "\n")
        let r = try CamtRead(CamtXML.document(CamtXML.statement(balances: balances)))
        #expect(r.statements[0].openingBalance == 300) // OPBD wins over PRCD
        #expect(r.statements[0].closingBalance == -600) // CLBD, DBIT
        let onlyPRCD = try CamtRead(CamtXML.document(CamtXML.statement(balances: CamtXML.balance("PRCD", "7.00"))))
        #expect(onlyPRCD.statements[0].openingBalance == 700)
    }

    @Test func currencyIsTheAccountCurrencyElseTheFirstAmountCurrency() throws {
        let r = try CamtRead(CamtXML.document(
            CamtXML.statement(id: "A", currency: "CHF", CamtXML.entry("1.00", currency: "CHF")),
            CamtXML.statement(id: "B", currency: nil, balances: CamtXML.balance("OPBD", "1", currency: "JPY"),
                              CamtXML.entry("1", currency: "JPY")),
            CamtXML.statement(id: "C", currency: "GBP", CamtXML.entry("2.50", currency: nil))))
        #expect(r.statements.map(\.currency) == ["CHF", "JPY", "GBP"])
        #expect(r.rows.map(\.currency) == ["CHF", "JPY", "GBP"])
        #expect(r.rows.map(\.amount) == [100, 1, 250])

        let xml = CamtXML.document(CamtXML.statement(currency: nil, CamtXML.entry("2.50", currency: nil)))
        #expect(throws: InputError.badRecord(path: "test.xml", line: CamtXML.line(of: "2.50", in: xml), field: "Ntry/Amt",
                                             reason: "no Ccy attribute and no account currency (Acct/Ccy)")) {
            _ = try CamtRead(xml)
        }
    }

    @Test func aStatementWithoutAccountIsAnError() throws {
        let xml = CamtXML.document(CamtXML.statement(account: "<Prxy>x</Prxy>", CamtXML.entry("1.00")))
        #expect(throws: InputError.badRecord(path: "test.xml", line: CamtXML.line(of: "<Stmt>", in: xml), field: "Acct/Id",
                                             reason: "statement 'S1' has no account (Acct/Id/IBAN or Acct/Id/Othr/Id)")) {
            _ = try CamtRead(xml)
        }
    }

    @Test func malformedXMLIsAnErrorWithLineElementAndLibxml2Reason() throws {
        // An element left open: libxml2 finds the mismatch at the parent's end tag.
        let unclosed = CamtXML.document(CamtXML.statement(CamtXML.entry("1.00")))
            .replacingOccurrences(of: "</Ntry>", with: "")
        do {
            _ = try CamtRead(unclosed, path: "bad.xml")
            Issue.record("expected an error")
        } catch let InputError.badRecord(path, line, field, reason) {
            #expect(path == "bad.xml")
            #expect(line == CamtXML.line(of: "</Stmt>", in: unclosed))
            #expect(field == "Ntry")
            #expect(reason == "Opening and ending tag mismatch: Ntry line \(CamtXML.line(of: "<Ntry>", in: unclosed)) and Stmt")
        }
    }

    @Test func aTruncatedFileIsAnErrorAtItsEnd() throws {
        let full = CamtXML.document(CamtXML.statement(CamtXML.entry("1.00"), CamtXML.entry("2.00")))
        let cut = String(full[..<full.range(of: "2.00")!.upperBound])
        do {
            _ = try CamtRead(cut, path: "cut.xml", step: 100)
            Issue.record("expected an error")
        } catch let InputError.badRecord(path, line, field, reason) {
            #expect(path == "cut.xml")
            #expect(line == CamtXML.line(of: "2.00", in: cut))
            #expect(field == "Amt")
            #expect(reason.hasSuffix("the file ends inside <Amt>: is it truncated?"))
        }
    }

    @Test func aFileWithoutCamtMessageIsRefused() throws {
        #expect(throws: InputError.badRecord(path: "test.xml", line: 1, field: nil, reason: "empty file")) {
            _ = try CamtRead("")
        }
        #expect(throws: InputError.badRecord(
            path: "test.xml", line: 1, field: nil,
            reason: "not an ISO 20022 camt.052/053/054 message: no BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn element")) {
            _ = try CamtRead("<?xml version=\"1.0\"?>\n<Document><CstmrCdtTrfInitn/></Document>\n")
        }
        #expect(throws: InputError.self) { _ = try CamtRead("bank_ref,account\nB1,A\n") }
    }

    @Test func entitiesAreNeverExpandedNorLoaded() throws {
        let body = CamtXML.document(CamtXML.statement(CamtXML.entry("1.00", reference: "&x;")))
        for doctype in ["<!DOCTYPE Document [<!ENTITY x \"expanded\">]>",
                        "<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>",
                        "<!DOCTYPE Document SYSTEM \"http://127.0.0.1:9/camt.dtd\">"] {
            let xml = body.replacingOccurrences(of: "?>\n", with: "?>\n" + doctype + "\n")
            do {
                _ = try CamtRead(xml)
                Issue.record("expected an error for \(doctype)")
            } catch let InputError.badRecord(_, line, field, reason) {
                #expect(line == CamtXML.line(of: "&x;", in: xml))
                #expect(field == "AcctSvcrRef")
                #expect(reason == "Entity 'x' not defined")
            }
        }
        // Predefined entities and character references are text.
        let ok = try CamtRead(CamtXML.document(CamtXML.statement(CamtXML.entry("1.00", reference: "A&amp;B&lt;&#x4E2D;&#25991;"))))
        #expect(ok.rows.map(\.bankRef) == ["A&B<中文"])
    }

    @Test func concatenatedDocumentsAreReadOneAfterAnother() throws {
        let one = CamtXML.document(CamtXML.statement(id: "D1", CamtXML.entry("1.00", reference: "A")))
        let two = CamtXML.document(CamtXML.statement(id: "D2", CamtXML.entry("2.00", reference: "B")))
        let file = one + "<!-- next file -->\n<?pi x?>\n" + two + "<!-- trailing\ncomment -->\n"
        for step in [1, 3, 7, 64, 1 << 20] {
            let r = try CamtRead(file, step: step)
            #expect(r.statements.map(\.id) == ["D1", "D2"])
            #expect(r.result.messages == 2)
            #expect(r.statements.map(\.line) == [CamtXML.line(of: "<Stmt>", in: file), CamtXML.line(of: "<Stmt>", in: file, occurrence: 2)])
            #expect(r.table.line.map(Int.init) == [CamtXML.line(of: "<Ntry>", in: file), CamtXML.line(of: "<Ntry>", in: file, occurrence: 2)])
        }
        let bad = one + "\n" + two.replacingOccurrences(of: "2.00", with: "2.001")
        #expect(throws: InputError.badRecord(path: "test.xml", line: CamtXML.line(of: "2.001", in: bad), field: "Ntry/Amt",
                                             reason: "'2.001' EUR: more than 2 significant decimals for this currency")) {
            _ = try CamtRead(bad, step: 5)
        }
        #expect(throws: InputError.self) { _ = try CamtRead(one + "<!-- never closed") }
        #expect(throws: InputError.self) { _ = try CamtRead(one + "<Document><BkToCstmrStmt>") }
        #expect(throws: InputError.self) { _ = try CamtRead(one + "garbage") }
    }

    @Test func severalMessagesUnderAWrapperAreRead() throws {
        let message = { (id: String) in
            "<BkToCstmrStmt>" + CamtXML.statement(id: id, CamtXML.entry("1.00", reference: id)) + "</BkToCstmrStmt>"
        }
        let xml = "<?xml version=\"1.0\"?>\n<Export>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
            + message("W1") + "</Document>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">"
            + message("W2") + "</Document>\n</Export>\n"
        let r = try CamtRead(xml)
        #expect(r.statements.map(\.id) == ["W1", "W2"])
        #expect(r.result.messages == 2)
    }

    @Test func chunkBoundariesDoNotChangeWhatIsRead() throws {
        let xml = CamtXML.document(CamtXML.statement(
            balances: CamtXML.balance("OPBD", "1.00"),
            CamtXML.entry("1.00", reference: "中文-1", CamtXML.detail(e2e: "E-1", debtor: "王五科技有限公司", remittance: ["a", "b"])),
            CamtXML.entry("2.00", "DBIT", reference: "R-2", batch: "B",
                          CamtXML.detail(e2e: "E-2", amount: "1.50", creditor: "X"),
                          CamtXML.detail(e2e: "E-3", amount: "0.50", creditor: "Y"))))
        let whole = try CamtRead(xml)
        #expect(whole.table.count == 3)
        for step in [1, 2, 5, 13, 4096] {
            let r = try CamtRead(xml, step: step)
            #expect(r.rows == whole.rows)
            #expect(r.statements == whole.statements)
            #expect(r.table.line == whole.table.line)
        }
    }

    @Test func theXMLDeclarationSaysHowTheFileIsEncoded() throws {
        let xml = CamtXML.document(CamtXML.statement(CamtXML.entry("1.00", "CRDT", CamtXML.detail(debtor: "M\u{FC}ller &amp; S\u{F8}n"))))
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        // Latin-1 bytes: one byte per character.
        var source = MemorySource(bytes: xml.unicodeScalars.map { UInt8($0.value) }, step: 7)
        let r = try CamtRead(source: &source, path: "latin1.xml", options: CamtOptions(), maxRejects: 0)
        #expect(r.rows.map(\.counterparty) == ["Müller & Søn"])
        #expect(r.result.file.encoding == "iso-8859-1")
    }

    @Test func whitespaceAroundValuesIsIgnored() throws {
        let r = try CamtRead(CamtXML.document(CamtXML.statement(
            CamtXML.entry("\n 1.00 \n", " CRDT ", reference: "\n   REF-1\n", CamtXML.detail(e2e: " E ", debtor: "\n Name \n")))))
        #expect(r.rows == [CamtRow("REF-1", "NL77ABNA0574908765", "EUR", "2026-11-18", "2026-11-19", 100, "E", "Name")])
    }

    @Test func theSpecFileDetectsAndReadsCamtFiles() throws {
        let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
        let spec = try registry.spec("camt")
        #expect(spec.family == "camt" && spec.side == .bank)
        #expect((spec.bankReader as? CamtBankReader)?.options.splitBatches == true)
        let dir = try ReconProcess.temporaryDirectory("camt-spec")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/statement.xml"
        let withoutNamespace = CamtXML.document(CamtXML.statement(CamtXML.entry("1.00", reference: "A")))
            .replacingOccurrences(of: " xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"", with: "")
        try withoutNamespace.write(toFile: path, atomically: true, encoding: .utf8)
        let input = try OpenedInput(path: path)
        let detected = try registry.detect(input, side: .bank)
        #expect(detected.name == "camt")
        var source = input
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        let result = try detected.bankReader!.read(source: &source, path: path, fileIndex: 3, into: &table, catalog: &catalog,
                                                   rejects: &rejects)
        #expect(result.format == "camt" && result.encoding == "utf-8" && result.rows == 1)
        #expect(table.file == [3])
    }

    @Test func theCamtTableTakesSplitBatchesAndRefusesUnknownKeys() throws {
        let base = "name = \"bank-x\"\nfamily = \"camt\"\n"
        let spec = try FormatSpec(toml: base + "[camt]\nsplit_batches = false\n", path: "bank-x.toml")
        #expect((spec.bankReader as? CamtBankReader)?.options.splitBatches == false)
        #expect(throws: FormatSpecError.unknownKey(path: "bank-x.toml", key: "camt.split_batch")) {
            _ = try FormatSpec(toml: base + "[camt]\nsplit_batch = false\n", path: "bank-x.toml")
        }
        #expect(throws: FormatSpecError.invalidValue(path: "bank-x.toml", key: "camt.split_batches", expected: "true or false")) {
            _ = try FormatSpec(toml: base + "[camt]\nsplit_batches = \"no\"\n", path: "bank-x.toml")
        }
    }
}
