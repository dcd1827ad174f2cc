import ReconCore

/// Streams the camt.053.001.02 document of ``CamtWriter`` into a file writer, element by element.
struct CamtWriterXML {
    let input: CanonicalBankInput
    let out: ByteFileWriter

    func document(_ statements: [CamtWriterStatement]) throws {
        let created = statements.map(\.lastDate).max() ?? Day(year: 1970, month: 1, day: 1)!.rawValue
        raw("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <BkToCstmrStmt>
                <GrpHdr>
                  <MsgId>RECON-CAMT053</MsgId>
                  <CreDtTm>
            """)
        date(created)
        raw("T00:00:00</CreDtTm>\n    </GrpHdr>\n")
        for (n, statement) in statements.enumerated() {
            try self.statement(statement, number: n + 1)
        }
        raw("  </BkToCstmrStmt>\n</Document>\n")
    }

    private func statement(_ s: CamtWriterStatement, number: Int) throws {
        let currency = input.catalog.currencies.string(s.currency)
        let exponent = input.catalog.exponent(ofCurrency: s.currency)
        raw("    <Stmt>\n      <Id>STMT-")
        MinorUnits.append(number, exponent: 0, to: &out.buffer)
        raw("</Id>\n      <CreDtTm>")
        date(s.lastDate)
        raw("T00:00:00</CreDtTm>\n      <Acct>\n        <Id>")
        let account = input.catalog.accounts.values
        let range = account.range(Int(s.account))
        let iban = CamtWriterXML.looksLikeIBAN(account.bytes[range])
        raw(iban ? "<IBAN>" : "<Othr><Id>")
        try account.bytes.withUnsafeBufferPointer {
            try text(UnsafeBufferPointer(rebasing: $0[range]), row: Int(s.rows[0]), column: "account")
        }
        raw(iban ? "</IBAN>" : "</Id></Othr>")
        raw("</Id>\n        <Ccy>\(currency)</Ccy>\n      </Acct>\n")
        balance("OPBD", 0, currency: currency, exponent: exponent, date: s.firstDate)
        balance("CLBD", s.sum, currency: currency, exponent: exponent, date: s.lastDate)
        for r in s.rows {
            try entry(Int(r), currency: currency, exponent: exponent)
            try out.maybeFlush()
        }
        raw("    </Stmt>\n")
    }

    private func balance(_ code: String, _ amount: Int64, currency: String, exponent: Int, date day: Int32) {
        raw("      <Bal>\n        <Tp><CdOrPrtry><Cd>\(code)</Cd></CdOrPrtry></Tp>\n        <Amt Ccy=\"\(currency)\">")
        MinorUnits.append(amount.magnitude, exponent: exponent, to: &out.buffer)
        raw(amount < 0 ? "</Amt>\n        <CdtDbtInd>DBIT</CdtDbtInd>\n" : "</Amt>\n        <CdtDbtInd>CRDT</CdtDbtInd>\n")
        raw("        <Dt><Dt>")
        date(day)
        raw("</Dt></Dt>\n      </Bal>\n")
    }

    private func entry(_ i: Int, currency: String, exponent: Int) throws {
        let t = input.table
        let amount = t.amount[i]
        let credit = amount >= 0
        raw("      <Ntry>\n        <Amt Ccy=\"\(currency)\">")
        MinorUnits.append(amount.magnitude, exponent: exponent, to: &out.buffer)
        raw(credit ? "</Amt>\n        <CdtDbtInd>CRDT</CdtDbtInd>\n" : "</Amt>\n        <CdtDbtInd>DBIT</CdtDbtInd>\n")
        raw("        <Sts>BOOK</Sts>\n        <BookgDt><Dt>")
        date(t.bookingDate[i])
        raw("</Dt></BookgDt>\n        <ValDt><Dt>")
        date(t.valueDate[i])
        raw("</Dt></ValDt>\n        <AcctSvcrRef>")
        try text(t.bankRef, i, column: "bank_ref")
        raw("</AcctSvcrRef>\n        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>")
        raw(credit ? "RCDT" : "ICDT")
        raw("</Cd><SubFmlyCd>OTHR</SubFmlyCd></Fmly></Domn></BkTxCd>\n")
        raw("        <NtryDtls>\n          <TxDtls>\n            <Refs><EndToEndId>")
        if t.endToEndId.isEmpty(i) { raw("NOTPROVIDED") } else { try text(t.endToEndId, i, column: "end_to_end_id") }
        raw("</EndToEndId></Refs>\n")
        if !t.counterparty.isEmpty(i) {
            raw(credit ? "            <RltdPties><Dbtr><Nm>" : "            <RltdPties><Cdtr><Nm>")
            try text(t.counterparty, i, column: "counterparty")
            raw(credit ? "</Nm></Dbtr></RltdPties>\n" : "</Nm></Cdtr></RltdPties>\n")
        }
        if !input.descriptions.isEmpty(i) {
            raw("            <RmtInf><Ustrd>")
            try text(input.descriptions, i, column: "description")
            raw("</Ustrd></RmtInf>\n")
        }
        raw("          </TxDtls>\n        </NtryDtls>\n      </Ntry>\n")
    }

    private func raw(_ s: String) {
        out.buffer.append(contentsOf: s.utf8)
    }

    private func date(_ day: Int32) {
        Day(rawValue: day).appendISO(to: &out.buffer)
    }

    private func text(_ column: TextColumn, _ i: Int, column name: String) throws {
        try column.bytes.withUnsafeBufferPointer {
            try text(UnsafeBufferPointer(rebasing: $0[column.range(i)]), row: i, column: name)
        }
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>, row: Int, column: String) throws {
        if let reason = CamtXMLText.append(bytes, to: &out.buffer) {
            throw InputError.badRecord(path: input.path, line: Int(input.table.line[row]), field: column, reason: reason)
        }
    }

    /// Whether an account has the form of an IBAN: country code, check digits, up to 30 letters
    /// or digits.
    static func looksLikeIBAN(_ a: ArraySlice<UInt8>) -> Bool {
        guard a.count >= 5 && a.count <= 34 else { return false }
        let b = Array(a)
        func upper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        return upper(b[0]) && upper(b[1]) && digit(b[2]) && digit(b[3]) && b[4...].allSatisfy { upper($0) || digit($0) }
    }
}
