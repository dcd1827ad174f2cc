import ReconCore

/// Reads BAI2 cash management balance reporting files (records 01 file, 02 group, 03 account,
/// 16 transaction, 88 continuation, 49/98/99 trailers), streaming.
///
/// - Records end with `/` or a line break, several may share a line, `88` continues the record
///   before it (``BAI2RecordSplitter``).
/// - Amounts have implied decimals (the currency's exponent); the currency is the account's (03),
///   else the group's (02), else USD.
/// - 03 summaries: type, amount, item count, funds type (`V` date and time, `S` three amounts, `D` a
///   count and that many day/amount pairs follow). 010 (opening ledger) and 015 (closing ledger) are
///   the statement's balances; every summary amount counts in the account's control total.
/// - 16: type code 100–399 a credit, 400–699 a debit (890, non-monetary, is counted and skipped;
///   others are rejected); the row's booking date is the group's as-of date, its value date the
///   funds type `V` date when there is one; bank_ref the bank reference, else
///   `<account>-<as-of>-<k>.<n>` (k-th account block of the file); end_to_end_id the customer reference; description the text.
/// - Trailers are checked: 49 (the sum of the account's 03 and 16 amounts, its record count), 98
///   (the sum of its accounts' totals, their number, its record count) and 99 (the same for the
///   file) are control totals of the statement they close.
package struct BAI2BankReader: BankFileReader {
    package let header: FormatSpecHeader

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        try options?.only([])
        self.header = header
    }

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        var records = BAI2RecordSplitter(source: source, path: path)
        var state = BAI2ReadState(path: path, fileIndex: fileIndex)
        while let record = try records.next() {
            try state.take(record, &table, &catalog, &rejects)
        }
        source = records.source
        try state.finish()
        return BankFileResult(format: header.name, encoding: "utf-8", tally: state)
    }
}
