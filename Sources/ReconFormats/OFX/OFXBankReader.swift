import ReconCore

/// Reads OFX 1.x (SGML) and 2.x (XML) statements (``OFXTokenizer``), streaming: bank statements
/// (`STMTRS`, account `BANKACCTFROM/ACCTID`) and credit-card statements (`CCSTMTRS`, `CCACCTFROM`),
/// several per file.
///
/// - Each `STMTTRN` is a row: `TRNAMT` signed (positive is money in), in the statement's `CURDEF`
///   (a transaction's own `CURRENCY`/`ORIGCURRENCY` is not converted); `DTPOSTED` the booking date,
///   `DTUSER` the value date (else the posted date); dates as written, in the zone they state
///   (`20130824080000[-5:EST]` is 2013-08-24); bank_ref `FITID` (else `<account>-<n>`); end_to_end_id
///   `REFNUM`; counterparty `NAME` (or `PAYEE/NAME`); description `MEMO`, else `NAME`.
/// - `LEDGERBAL/BALAMT` at `DTASOF` is the statement's closing balance. OFX has no opening balance,
///   so an OFX statement is not checked for opening + movements = closing.
/// - A bad amount or date rejects the row (within `--max-rejects`); a statement without an account
///   or currency stops the read with an error naming the file and line.
package struct OFXBankReader: BankFileReader {
    package let header: FormatSpecHeader

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        try options?.only([])
        self.header = header
    }

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        var tokens = OFXTokenizer(source: source, path: path)
        var state = OFXReadState(path: path, fileIndex: fileIndex)
        var stack: [String] = []
        var last = ""
        while let t = try tokens.next() {
            switch t {
            case .open(let name):
                try state.open(name, line: tokens.line, &table, &catalog, &rejects)
                stack.append(name)
                last = name
            case .close(let name):
                // SGML leaves are not closed: pop up to the element closed.
                if let i = stack.lastIndex(of: name) {
                    for n in stack[i...].reversed() { try state.close(n, line: tokens.line, &table, &catalog, &rejects) }
                    stack.removeSubrange(i...)
                }
            case .text(let value, let line):
                state.value(value, of: last, parent: stack.dropLast().last ?? "", line: line)
                // An element with text is a leaf: in SGML it is never closed, so it ends here.
                if stack.last == last { stack.removeLast() }
            }
        }
        source = tokens.source
        return BankFileResult(format: header.name, encoding: "utf-8", tally: state)
    }
}
