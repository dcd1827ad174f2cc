import ReconCore

/// Reads SWIFT MT940 customer statements and MT942 interim transaction reports, streaming line by
/// line (memory does not grow with the file).
///
/// - The envelope (`{1:}{2:}{3:}{4:` headers, `-}` and `{5:}` trailers, SOH/ETX bytes, DOS end-of-file
///   bytes) is skipped; a file may hold several messages. A line `-` ends a statement when the next
///   line starts a field, a block or the end of the file, or when up to six header lines (ABN AMRO's
///   sender BIC and `940`) come before a new `:20:` (they are dropped); otherwise it is text of the
///   field it is in (ING wraps `:86:` text onto lines that are just `-`). Lines that start no field
///   continue the field before them.
/// - Per statement (`:20:` to its end): id `:20:`/`:28C:` (or `:28:`), account `:25:` (a trailing
///   currency code equal to the statement's is dropped), opening `:60F:`/`:60M:`, closing
///   `:62F:`/`:62M:` (a continuation page is a statement of its own and reconciles on its own);
///   `:64:`/`:65:` are checked for form only. MT942: currency from `:34F:`, date from `:13D:`, and
///   `:90D:`/`:90C:` (number and sum of debits and credits) checked as control totals.
/// - Each `:61:` (``MTTransactionLine``) is a row; the `:86:` after it (``MTInformation``) gives the
///   end-to-end id, counterparty and description. A `:86:` after the closing balance belongs to the
///   statement, not to a row.
/// - Row: bank_ref the bank's reference after `//`, else `<statement id>-<k>.<n>` (k-th statement of the
///   file, n-th line of it); booking date the
///   entry date, else the value date; end_to_end_id the `:86:` end-to-end id, else the customer
///   reference (unless `NONREF` or another placeholder); description the remittance text, else the
///   supplementary details. A batch's `/PREF/` stands in for a missing `/EREF/`.
/// - Text is UTF-8 unless the spec names another `encoding` (then each line is converted); bytes
///   that are not text in it reject the row that carries them (``FieldText``).
///
/// A bad `:61:`, or a `:61:` outside any statement, rejects that row (within `--max-rejects`); a bad
/// balance or a statement without `:25:` stops the read with an error naming file, line and field.
package struct MTBankReader: BankFileReader {
    package let header: FormatSpecHeader

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        try options?.only([])
        guard [.utf8, .gb18030, .latin1, .windows1252].contains(header.encoding) else {
            throw FormatSpecError.invalidValue(path: header.path, key: "encoding",
                                               expected: "an ASCII-compatible encoding for a SWIFT MT file (utf-8, gb18030, latin-1, windows-1252)")
        }
        self.header = header
    }

    init(name: String = "mt940") {
        header = FormatSpecHeader(name: name, path: "builtin:" + name, encoding: .utf8)
    }

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        var state = MTReadState(path: path, fileIndex: fileIndex, format: header.name, firstRow: table.count,
                                transcoder: header.encoding == .utf8 ? nil : try Transcoder(from: header.encoding))
        var lines = MTLineReader(source: source, path: path)
        var lookahead: [(line: [UInt8], number: Int)] = []
        func nextLine() throws -> (line: [UInt8], number: Int)? {
            if !lookahead.isEmpty { return lookahead.removeFirst() }
            guard let l = try lines.next() else { return nil }
            return (l, lines.line)
        }
        while let (line, number) = try nextLine() {
            let trimmed = Array(line.reversed().drop(while: { $0 == 32 }).reversed())
            if trimmed.isEmpty { continue }
            if trimmed == [UInt8(ascii: "-")] {
                // A terminator when what follows starts a field, a block or nothing, or is a message's
                // header lines (sender BIC, "940", ... as ABN AMRO writes them) before a new :20:.
                var ahead: [(line: [UInt8], number: Int)] = []
                var terminator = false
                while let n = try nextLine() {
                    if n.line.allSatisfy({ $0 == 32 }) { continue }
                    ahead.append(n)
                    let first = n.line.first
                    if first == UInt8(ascii: "{") { terminator = true; break }
                    if first == UInt8(ascii: ":") {
                        terminator = ahead.count == 1 || Self.tag(n.line)?.0 == "20"
                        break
                    }
                    if ahead.count > Self.headerLinesBetweenMessages { break }
                }
                if ahead.isEmpty { terminator = true }
                // Header lines are dropped; anything else is read again as it comes.
                if terminator && ahead.count > 1 { ahead.removeFirst(ahead.count - 1) }
                lookahead = ahead + lookahead
                if terminator {
                    try state.finishField(&table, &catalog, &rejects)
                    try state.endStatement(&table, &catalog, &rejects)
                    continue
                }
            }
            if let (tag, rest) = Self.tag(trimmed) {
                try state.finishField(&table, &catalog, &rejects)
                state.startField(tag: tag, value: rest, line: number)
            } else {
                state.continueField(line, line: number)
            }
        }
        try state.finishField(&table, &catalog, &rejects)
        try state.endStatement(&table, &catalog, &rejects)
        source = lines.source
        return BankFileResult(format: header.name, encoding: header.encoding.rawValue, tally: state)
    }

    /// Most lines between a message's `-` and the `:20:` of the next that are taken for its header
    /// (ABN AMRO writes three: the sender's BIC, `940`, the BIC again).
    static let headerLinesBetweenMessages = 6

    /// `:20:`, `:60F:`, `:940:` at the start of a line: the tag and what follows it.
    static func tag(_ line: [UInt8]) -> (String, [UInt8])? {
        guard line.first == UInt8(ascii: ":"), line.count >= 4 else { return nil }
        var i = 1
        while i < line.count && i <= 3 && line[i] >= 48 && line[i] <= 57 { i += 1 }
        guard i >= 3 else { return nil }
        if i < line.count && line[i] >= 65 && line[i] <= 90 { i += 1 }
        guard i < line.count && line[i] == UInt8(ascii: ":") else { return nil }
        return (String(decoding: line[1..<i], as: UTF8.self), Array(line[(i + 1)...]))
    }
}
