import ReconCore

/// Writes canonical bank rows as an ISO 20022 camt.053.001.02 statement file, for benchmarks and
/// equivalence tests of the camt reader: reading the output back with ``CamtBankReader`` gives the
/// rows of the CSV (bank_ref, account, dates, amount, currency, end-to-end id, counterparty), grouped
/// by account.
///
/// One `Stmt` per account and currency (ids `STMT-1`, `STMT-2`, …), in order of first appearance,
/// with its entries in input order. Each statement opens at 0 (OPBD, dated at its first booking date)
/// and closes at the sum of its entries (CLBD, at its last), so that it reconciles. Each row is one
/// booked `Ntry`:
///
/// | CSV column | camt.053 element |
/// |---|---|
/// | bank_ref | `Ntry/AcctSvcrRef` |
/// | account | `Stmt/Acct/Id/IBAN` when it has the form of an IBAN, else `Acct/Id/Othr/Id` |
/// | booking_date, value_date | `Ntry/BookgDt/Dt`, `Ntry/ValDt/Dt` |
/// | amount, currency | `Ntry/Amt` (unsigned, `Ccy`) and `CdtDbtInd` (DBIT when negative) |
/// | end_to_end_id | `TxDtls/Refs/EndToEndId`, `NOTPROVIDED` when empty |
/// | counterparty | `TxDtls/RltdPties/Dbtr/Nm` for a credit, `Cdtr/Nm` for a debit; omitted when empty |
/// | description | `TxDtls/RmtInf/Ustrd`; omitted when empty |
///
/// Text is written byte for byte (XML-escaped, CR as `&#13;`); the reader trims white space at both
/// ends of values, so such white space does not survive the trip. Schema length limits (35
/// characters for ids, 140 for names) are not enforced. The rows are held in memory (as a
/// ``BankTable``); the XML is streamed to a temporary file renamed into place at the end.
package enum CamtWriter {
    /// What was written.
    package struct Summary: Sendable, Equatable {
        /// Entries written, one per CSV row.
        package var rows: Int
        /// Statements written, one per account and currency.
        package var statements: Int
    }

    /// Converts the canonical bank CSV at `path` (plain or gzip) to a camt.053.001.02 file at
    /// `outPath`.
    @discardableResult
    package static func write(bankCSV path: String, to outPath: String) throws -> Summary {
        var source = try OpenedInput(path: path)
        let input = try CanonicalBankInput(source: &source, path: path)
        return try write(input, to: outPath)
    }

    static func write(_ input: CanonicalBankInput, to outPath: String) throws -> Summary {
        let statements = try input.statements()
        try GeneratedFile.write(to: outPath) { file in
            let xml = CamtWriterXML(input: input, out: file)
            try xml.document(statements)
        }
        return Summary(rows: input.table.count, statements: statements.count)
    }
}
