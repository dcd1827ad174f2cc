import ReconCore

/// Reads a bank's CSV export as its spec (``DelimitedSpec``) describes: preamble and trailer lines,
/// any encoding (converted to UTF-8 as it streams), padded values, dates and numbers in the bank's
/// conventions, the amount as one signed column, amount plus direction, or debit and credit columns,
/// references pulled from free text, declared totals and a running balance checked.
///
/// One file is one statement: its account, the balances the file states, the movements read, and a
/// control for every total the file declares and every running-balance step that does not add up.
package struct DelimitedBankReader: BankFileReader {
    package let header: FormatSpecHeader
    package let spec: DelimitedSpec

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        guard let options else {
            throw FormatSpecError.missingKey(path: header.path, key: "delimited")
        }
        self.header = header
        spec = try DelimitedSpec(options)
    }

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        var state = DelimitedReadState(spec: spec, path: path, fileIndex: fileIndex)
        state.validateUTF8 = header.encoding == .utf8
        let scanner = CSVScanner(delimiter: spec.delimiter, quote: spec.quote)
        if header.encoding == .utf8 {
            try scanner.scan(&source, path: path) { record in
                try state.take(record, table: &table, catalog: &catalog, rejects: &rejects)
            }
        } else {
            var decoded = try TranscodingSource(source, encoding: header.encoding, path: path)
            try scanner.scan(&decoded, path: path) { record in
                try state.take(record, table: &table, catalog: &catalog, rejects: &rejects)
            }
        }
        var result = BankFileResult(format: header.name, encoding: header.encoding.rawValue)
        result.rows = state.rows
        result.rejected = state.rejected
        result.skipped = state.skipped
        result.statements = [try state.finishStatement()]
        return result
    }
}
