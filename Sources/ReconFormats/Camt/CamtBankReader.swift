import ReconCore

/// Reads ISO 20022 bank-to-customer cash management messages, camt.052 (account report, `Rpt`),
/// camt.053 (statement, `Stmt`) and camt.054 (debit/credit notification, `Ntfctn`), versions
/// .001.02 to .001.08, streaming through libxml2's SAX2 push parser: memory does not grow with the
/// file.
///
/// Elements are matched by local name, whatever their namespace prefix or URI. A file may hold
/// several statements, several messages under a wrapper element, or several XML documents one
/// after the other. For each statement:
///
/// - account: `Acct/Id/IBAN` or `Acct/Id/Othr/Id`; currency: `Acct/Ccy`, else the `Ccy` of the
///   statement's first amount; id: `Id` (else the statement's position in the file).
/// - balances by `Tp/CdOrPrtry/Cd`: OPBD (or PRCD when there is no OPBD) is the opening, CLBD the
///   closing balance; other codes (ITBD, OPAV, CLAV, ...) are not part of the integrity check.
///   `CdtDbtInd` DBIT makes a balance negative. camt.052 reports usually and camt.054 notifications
///   always have neither, so their summaries have no balances.
///
/// For each booked entry (`Ntry` with `Sts` or `Sts/Cd` BOOK; PDNG, INFO and FUTR entries are
/// counted and skipped):
///
/// - amount: `Amt` in minor units of its `Ccy`, negative for `CdtDbtInd` DBIT. Decimals beyond the
///   currency's exponent are refused unless they are zeros (18.150 EUR is 18.15; 27.055 EUR is an
///   error naming the file, line and element).
/// - dates: `BookgDt/Dt` or the date part of `BookgDt/DtTm` as written (no time-zone shift:
///   `2014-12-31T23:30:00-05:00` is 2014-12-31); without a booking date, the value date, else the
///   statement's (or message's) `CreDtTm` date. Value date: `ValDt/Dt|DtTm`, else the booking date.
/// - bank_ref: `AcctSvcrRef`, else `<statement id>-<entry position in the statement>` (stable
///   across runs of the same file).
/// - end_to_end_id: `NtryDtls/TxDtls/Refs/EndToEndId`, empty when absent or `NOTPROVIDED`.
/// - counterparty: for a credit the debtor (`RltdPties/Dbtr/Nm`, or `Dbtr/Pty/Nm` from .001.08),
///   for a debit the creditor. Description: `RmtInf/Ustrd` joined by spaces, else `AddtlTxInf`,
///   else `AddtlNtryInf`.
/// - reversals (`RvslInd` true) are booked with the sign of their `CdtDbtInd` — a reversal of a
///   credit is a DBIT that takes the money back out — and their description starts "reversal: ".
/// - batches: an entry with several `TxDtls` that each carry an amount (`Amt`, or
///   `AmtDtls/TxAmt/Amt`) in the entry's currency, adding up to the entry's amount, is booked as one
///   row per `TxDtls` (bank_ref `<entry bank_ref>/<n>`, the detail's own end-to-end id and
///   counterparty, the entry's dates). Otherwise, or with `split_batches = false`, it is one row
///   whose end_to_end_id is the batch's `Btch/PmtInfId`. Either way an entry is counted once and the
///   statement's movement sum is the sum of its entries.
///
/// A bad value in an entry rejects that entry (within `--max-rejects`); a bad balance, a statement
/// without an account or malformed XML stops the read with an error naming the file, the line and
/// the element. The `encoding` of the spec is not used: the XML declaration says how the file is
/// encoded.
package struct CamtBankReader: BankFileReader {
    /// The spec the reader comes from; its name is the ``BankFileResult/format`` of what it reads.
    package let header: FormatSpecHeader
    let options: CamtOptions

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        self.header = header
        self.options = try CamtOptions(table: options)
    }

    init(options: CamtOptions = CamtOptions(), name: String = "camt") {
        header = FormatSpecHeader(name: name, path: "builtin:" + name, encoding: .utf8)
        self.options = options
    }

    /// Size of the chunks read from the source and pushed to the parser.
    static let chunkBytes = 256 * 1024

    /// Appends the booked movements of the camt file `source` to `table`, one ``StatementSummary``
    /// per statement to the result; see the type's documentation for what is read from where.
    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        try readCamt(source: &source, path: path, fileIndex: fileIndex, into: &table, catalog: &catalog,
                     rejects: &rejects).file
    }

    /// Reads a file, with the counts only this family has.
    func readCamt<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                 catalog: inout Catalog, rejects: inout RejectLog) throws -> CamtReadResult {
        let parser = CamtXMLPushParser(reader: CamtDocumentReader(path: path, fileIndex: fileIndex, options: options))
        // The parser owns the reader's memory: keep it alive until the tables are moved back.
        return try withExtendedLifetime(parser) {
            let reader = parser.reader
            // Move the run's tables into the reader for the read (no copy), and back whatever happens.
            swap(&reader.pointee.table, &table)
            swap(&reader.pointee.catalog, &catalog)
            swap(&reader.pointee.rejects, &rejects)
            defer {
                swap(&reader.pointee.table, &table)
                swap(&reader.pointee.catalog, &catalog)
                swap(&reader.pointee.rejects, &rejects)
            }
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: CamtBankReader.chunkBytes)
            defer { buffer.deallocate() }
            while true {
                let n = try source.read(into: buffer)
                if n == 0 { break }
                try parser.feed(UnsafeBufferPointer(rebasing: buffer[0..<n]))
            }
            try parser.finish()
            if reader.pointee.messages == 0 {
                throw InputError.badRecord(path: path, line: 1, field: nil,
                                           reason: "not an ISO 20022 camt.052/053/054 message: no BkToCstmrStmt, "
                                               + "BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn element")
            }
            let t = reader.pointee.table
            try TableLimits.check(t.bankRef, t.endToEndId, t.counterparty, path: path)
            var file = BankFileResult(format: header.name, encoding: parser.encoding)
            file.rows = reader.pointee.rows
            file.rejected = reader.pointee.rejected
            file.statements = reader.pointee.statements
            file.skipped = reader.pointee.notBooked
            return CamtReadResult(file: file, notBooked: reader.pointee.notBooked, messages: reader.pointee.messages)
        }
    }
}
