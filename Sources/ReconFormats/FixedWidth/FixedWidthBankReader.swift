import ReconCore

/// Reads bank files of the `fixed-width` family (CFONB 120, AEB Norma 43, CODA, a Chinese bank's
/// export, ...), streaming, as its spec's ``FixedWidthLayout`` describes them.
///
/// Each statement of the file (an opening record, its movements, its closing record) becomes a
/// ``StatementSummary`` with its balances, the count and sum of the movements appended, and the
/// control totals its closing and trailer records declare; the reader reports them and leaves the
/// judgement (gaps, totals that do not hold) to the run.
///
/// Errors name the file, the line (or, in a file without line breaks, the record number and byte
/// offset) and the field. A bad movement, a bad complement (with its movement) and a record of no
/// known type can be set aside as rejects when the run allows them; a bad balance, header or
/// trailer, and an empty file, stop the run.
package struct FixedWidthBankReader: BankFileReader {
    /// The spec's name, file and text encoding.
    package let header: FormatSpecHeader
    let layout: FixedWidthLayout

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        self.header = header
        layout = try FixedWidthLayout(table: options, header: header)
    }

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        try read(source: &source, path: path, fileIndex: fileIndex, into: &table, catalog: &catalog, rejects: &rejects,
                 onRow: { _ in })
    }

    /// Reads like ``read(source:path:fileIndex:into:catalog:rejects:)`` and shows `onRow` every
    /// movement appended, with the fields the table does not keep (its description).
    func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                             catalog: inout Catalog, rejects: inout RejectLog,
                             onRow: (BankRowBuilder) -> Void) throws -> BankFileResult {
        let decoder = try FixedWidthTextDecoder(encoding: header.encoding)
        var assembler = FixedWidthAssembler(layout: layout, path: path, fileIndex: fileIndex, decoder: decoder)
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: layout.recordLength)
        defer { scratch.deallocate() }
        let rejectedBefore = rejects.count
        let splitter = FixedWidthRecordSplitter(recordLength: layout.recordLength, path: path)
        var records = 0
        try splitter.split(&source) { raw in
            records += 1
            try assembler.consume(raw, scratch: scratch, table: &table, catalog: &catalog, rejects: &rejects, onRow: onRow)
        }
        if records == 0 {
            throw InputError.badRecord(path: path, line: 1, field: nil, reason: "empty file: no records")
        }
        let statements = try assembler.finish(table: &table, catalog: &catalog, rejects: &rejects, onRow: onRow)
        try TableLimits.check(table.bankRef, table.endToEndId, table.counterparty, path: path)
        var result = BankFileResult(format: header.name, encoding: header.encoding.rawValue)
        result.rows = assembler.rows
        result.rejected = rejects.count - rejectedBefore
        result.statements = statements
        return result
    }
}
