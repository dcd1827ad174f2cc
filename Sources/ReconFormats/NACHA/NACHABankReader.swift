import ReconCore

/// Reads NACHA ACH files (records of 94 characters: 1 file header, 5 batch header, 6 entry, 7
/// addenda, 8 batch control, 9 file control), streaming.
///
/// - Records shorter than 94 characters (trailing spaces stripped) are padded; a line holding
///   several records is cut every 94; filler records (all `9`) are skipped.
/// - Each entry is a row of the originator's account, the batch's company identification, in USD,
///   booked and valued on the batch's effective entry date: a credit to the receiver (transaction
///   codes 22, 32, 42, 52) is money out (negative), a debit (27, 37, 47, 55) money in; prenotes and
///   zero-dollar entries (23, 28, 33, 38, 24, 29, 34, 39) are counted and skipped. bank_ref is the
///   trace number; end_to_end_id the individual identification number (the originator's reference,
///   which a return carries back); counterparty the individual name.
/// - Addenda 05: payment-related information becomes the description. Addenda 99: the entry is a
///   return (codes 21, 26, 31, 36, ...): money back for a returned credit, out for a returned debit,
///   with the return reason (R01 ...) and the original trace number as a note the break report shows.
///   Addenda 98 (notification of change): the entry is counted and skipped, its change code noted.
/// - Controls checked, as control totals of the batch's statement: entry and addenda count, entry hash
///   (the sum of the receiving DFI routing numbers, last 10 digits), total debit and credit amounts;
///   and of the file (on its last batch): batch count, block count, entry and addenda count, entry
///   hash and totals.
package struct NACHABankReader: BankFileReader {
    package let header: FormatSpecHeader

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        try options?.only([])
        self.header = header
    }

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        var lines = MTLineReader(source: source, path: path)
        var state = NACHAReadState(path: path, fileIndex: fileIndex, firstRow: table.count)
        while let line = try lines.next() {
            if line.isEmpty { continue }
            var start = 0
            repeat {
                var record = Array(line[start..<min(line.count, start + 94)])
                if record.count < 94 { record += [UInt8](repeating: 32, count: 94 - record.count) }
                try state.take(record, line: lines.line, &table, &catalog, &rejects)
                start += 94
            } while start < line.count
        }
        try state.finish(&table, &catalog, &rejects)
        source = lines.source
        return BankFileResult(format: header.name, encoding: "utf-8", tally: state)
    }
}
