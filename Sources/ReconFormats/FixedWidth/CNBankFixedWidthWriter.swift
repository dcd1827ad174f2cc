import ReconCore

/// Converts a canonical bank CSV into the `cn-bank-fixed` layout of `formats/cn-bank-fixed.toml`:
/// GB18030 text in 244-byte records, one H (account, currency, opening balance), D (movements) …
/// T (counts, debit and credit totals, closing balance) group per account and currency, groups in
/// order of first appearance, movements in input order.
///
/// Every canonical field is kept, so reading the output with the `cn-bank-fixed` spec gives the
/// rows of the CSV back. The opening balance is 0 (a CSV has none) and the closing balance is the
/// sum of the movements. Amounts are written with 2 implied decimals. Text is padded by bytes; a
/// value that does not fit its field, or that a fixed-width field cannot keep (surrounding spaces,
/// control characters), is an error naming the CSV line and column, never a silent cut, unless
/// ``truncatesLongText`` allows counterparty and description to be cut at a character boundary.
package struct CNBankFixedWidthWriter: Sendable {
    /// Cut a counterparty or description that is too long at the last whole character that fits,
    /// instead of failing.
    package var truncatesLongText: Bool
    /// Written after each record.
    package var lineEnding: [UInt8]

    static let recordLength = 244
    static let bankRefWidth = 32
    static let accountWidth = 32
    static let endToEndWidth = 35
    static let counterpartyWidth = 60
    static let descriptionWidth = 80
    static let amountWidth = 18
    static let countWidth = 10
    static let dateFormat = FixedWidthDateFormat(pattern: "YYYYMMDD")!

    package init(truncatesLongText: Bool = false, lineEnding: String = "\r\n") {
        self.truncatesLongText = truncatesLongText
        self.lineEnding = Array(lineEnding.utf8)
    }

    /// Reads the canonical bank CSV `source` (named `path` in errors) and returns the fixed-width file.
    package func convert<S: ByteSource>(source: inout S, path: String) throws -> [UInt8] {
        let encoder = try FixedWidthTextEncoder(to: .gb18030)
        let debitFlag = try encoder.encode("借"), creditFlag = try encoder.encode("贷")
        // The rows, decoded and checked by the canonical reader (descriptions kept).
        var table = BankTable()
        table.stores = .all
        var catalog = Catalog()
        var rejects = RejectLog(limit: 0)
        _ = try CanonicalBankReader().read(source: &source, path: path, fileIndex: 0, into: &table, catalog: &catalog,
                                           rejects: &rejects)
        func bytes(_ column: TextColumn, _ i: Int) -> ArraySlice<UInt8> { column.bytes[column.range(i)] }
        var groups: [CNBankFixedWidthGroup] = []
        var index: [Int64: Int] = [:]
        for i in 0..<table.count {
            let line = Int(table.line[i])
            let accountId = table.account[i], currencyId = table.currency[i]
            let account = bytes(catalog.accounts.values, Int(accountId)), currencyCode = bytes(catalog.currencies.values, Int(currencyId))
            let booking = Day(rawValue: table.bookingDate[i]), value = Day(rawValue: table.valueDate[i])
            let hundredths = try hundredthsOf(table.amount[i], exponent: catalog.exponent(ofCurrency: currencyId), path: path, line: line)
            let key = Int64(accountId) << 32 | Int64(UInt32(bitPattern: currencyId))
            let g: Int
            if let found = index[key] {
                g = found
            } else {
                g = groups.count
                index[key] = g
                groups.append(CNBankFixedWidthGroup(account: Array(account), currency: Array(currencyCode)))
                // Check the account fits now, naming the line where it first appears.
                _ = try fit(account, width: Self.accountWidth, column: "account", truncate: false, encoder: encoder, path: path, line: line)
            }
            var out = [UInt8](repeating: 32, count: Self.recordLength)
            out[0] = UInt8(ascii: "D")
            func put(_ bytes: [UInt8], at start: Int) { out.replaceSubrange((start - 1)..<(start - 1 + bytes.count), with: bytes) }
            put(try fit(bytes(table.bankRef, i), width: Self.bankRefWidth, column: "bank_ref", truncate: false, encoder: encoder, path: path, line: line), at: 2)
            put(Self.dateFormat.format(booking), at: 34)
            put(Self.dateFormat.format(value), at: 42)
            put(hundredths < 0 ? debitFlag : creditFlag, at: 50)
            put(try digits(hundredths.magnitude, width: Self.amountWidth, column: "amount", path: path, line: line), at: 52)
            put(try fit(bytes(table.endToEndId, i), width: Self.endToEndWidth, column: "end_to_end_id", truncate: false, encoder: encoder, path: path, line: line), at: 70)
            put(try fit(bytes(table.counterparty, i), width: Self.counterpartyWidth, column: "counterparty", truncate: truncatesLongText, encoder: encoder, path: path, line: line), at: 105)
            put(try fit(bytes(table.description, i), width: Self.descriptionWidth, column: "description", truncate: truncatesLongText, encoder: encoder, path: path, line: line), at: 165)

            groups[g].details.append(contentsOf: out)
            groups[g].details.append(contentsOf: lineEnding)
            groups[g].count += 1
            if hundredths < 0 {
                groups[g].debitCount += 1
                groups[g].debitTotal = try add(groups[g].debitTotal, -hundredths, path: path, line: line)
            } else {
                groups[g].creditCount += 1
                groups[g].creditTotal = try add(groups[g].creditTotal, hundredths, path: path, line: line)
            }
            groups[g].first = min(groups[g].first, booking)
            groups[g].last = max(groups[g].last, booking)
        }
        var file: [UInt8] = []
        for g in groups { try write(g, to: &file, encoder: encoder, path: path) }
        return file
    }

    /// Converts the CSV at `csvPath` and writes the result to `outputPath`, through a temporary file
    /// renamed into place.
    package func convert(csvPath: String, to outputPath: String) throws {
        var source = try FileByteSource(path: csvPath)
        let bytes = try convert(source: &source, path: csvPath)
        try GeneratedFile.write(to: outputPath) { $0.buffer = bytes }
    }

    // MARK: records

    private func write(_ g: CNBankFixedWidthGroup, to file: inout [UInt8], encoder: FixedWidthTextEncoder, path: String) throws {
        let account = try g.account.withUnsafeBufferPointer {
            try fit($0, width: Self.accountWidth, column: "account", truncate: false, encoder: encoder, path: path, line: 0)
        }
        var h = [UInt8](repeating: 32, count: Self.recordLength)
        h[0] = UInt8(ascii: "H")
        h.replaceSubrange(1..<33, with: account)
        h.replaceSubrange(33..<36, with: g.currency)
        h.replaceSubrange(36..<44, with: Self.dateFormat.format(g.first))
        h.replaceSubrange(44..<52, with: Self.dateFormat.format(g.last))
        h[52] = UInt8(ascii: "+")
        h.replaceSubrange(53..<71, with: try digits(0, width: Self.amountWidth, column: "balance", path: path, line: 0))
        file.append(contentsOf: h)
        file.append(contentsOf: lineEnding)
        file.append(contentsOf: g.details)

        let closing = g.creditTotal - g.debitTotal
        var t = [UInt8](repeating: 32, count: Self.recordLength)
        t[0] = UInt8(ascii: "T")
        t.replaceSubrange(1..<11, with: try digits(UInt64(g.count), width: Self.countWidth, column: "count", path: path, line: 0))
        t.replaceSubrange(11..<21, with: try digits(UInt64(g.debitCount), width: Self.countWidth, column: "count", path: path, line: 0))
        t.replaceSubrange(21..<39, with: try digits(UInt64(g.debitTotal), width: Self.amountWidth, column: "amount", path: path, line: 0))
        t.replaceSubrange(39..<49, with: try digits(UInt64(g.creditCount), width: Self.countWidth, column: "count", path: path, line: 0))
        t.replaceSubrange(49..<67, with: try digits(UInt64(g.creditTotal), width: Self.amountWidth, column: "amount", path: path, line: 0))
        t[67] = closing < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        t.replaceSubrange(68..<86, with: try digits(closing.magnitude, width: Self.amountWidth, column: "balance", path: path, line: 0))
        t.replaceSubrange(86..<94, with: Self.dateFormat.format(g.last))
        t.replaceSubrange(94..<126, with: account)
        file.append(contentsOf: t)
        file.append(contentsOf: lineEnding)
    }

    // MARK: values

    /// `value` (minor units with `exponent` decimals) in hundredths, exactly.
    private func hundredthsOf(_ value: Int64, exponent: Int, path: String, line: Int) throws -> Int64 {
        if exponent <= 2 {
            let (v, o) = value.multipliedReportingOverflow(by: FixedWidthBytes.powersOfTen[2 - exponent])
            if !o { return v }
        } else {
            let p = FixedWidthBytes.powersOfTen[exponent - 2]
            if value % p == 0 { return value / p }
            throw InputError.badRecord(path: path, line: line, field: "amount",
                                       reason: "has more than the 2 decimals the fixed-width layout writes")
        }
        throw InputError.badRecord(path: path, line: line, field: "amount", reason: "too large for the fixed-width layout")
    }

    private func add(_ a: Int64, _ b: Int64, path: String, line: Int) throws -> Int64 {
        let (s, o) = a.addingReportingOverflow(b)
        if o { throw InputError.badRecord(path: path, line: line, field: "amount", reason: "the account's total overflows") }
        return s
    }

    /// `value` as `width` digits, zero-padded on the left.
    private func digits(_ value: UInt64, width: Int, column: String, path: String, line: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 48, count: width)
        var v = value
        var i = width - 1
        while v > 0 {
            if i < 0 {
                throw InputError.badRecord(path: path, line: line, field: column, reason: "\(value) does not fit in \(width) digits")
            }
            out[i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        }
        return out
    }

    /// UTF-8 `text` in GB18030, padded with spaces to `width` bytes; an error when it does not fit
    /// (or, with `truncate`, cut at the last whole character that fits).
    private func fit(_ text: ArraySlice<UInt8>, width: Int, column: String, truncate: Bool,
                     encoder: FixedWidthTextEncoder, path: String, line: Int) throws -> [UInt8] {
        try text.withUnsafeBufferPointer {
            try fit($0, width: width, column: column, truncate: truncate, encoder: encoder, path: path, line: line)
        }
    }

    private func fit(_ text: UnsafeBufferPointer<UInt8>, width: Int, column: String, truncate: Bool,
                     encoder: FixedWidthTextEncoder, path: String, line: Int) throws -> [UInt8] {
        func fail(_ reason: String) -> InputError { .badRecord(path: path, line: line, field: column, reason: reason) }
        if let first = text.first, let last = text.last, first == 32 || last == 32 {
            throw fail("starts or ends with a space, which a fixed-width field cannot keep")
        }
        if text.contains(where: { $0 < 32 || $0 == 127 }) { throw fail("holds a line break or control character") }
        var out: [UInt8] = []
        do { try encoder.encode(text, appendingTo: &out) } catch { throw fail("cannot be written in GB18030") }
        if out.count > width {
            guard truncate else {
                throw fail("\(FixedWidthBytes.quoted(text)) is \(out.count) bytes in GB18030, more than the field's \(width)")
            }
            out.removeAll(keepingCapacity: true)
            for ch in String(decoding: text, as: UTF8.self) {
                let piece = try encoder.encode(String(ch))
                if out.count + piece.count > width { break }
                out.append(contentsOf: piece)
            }
            FixedWidthBytes.trimEnd(&out)
        }
        out.append(contentsOf: repeatElement(32, count: width - out.count))
        return out
    }
}
