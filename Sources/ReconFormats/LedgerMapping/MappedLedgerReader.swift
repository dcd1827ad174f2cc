import ReconCore

/// Reads a platform's own ledger export into a ``LedgerTable``, through a spec of family `delimited`
/// with `side = "ledger"`: its own column names, delimiter, date format, and amounts in major units
/// (with the spec's decimal and thousands separators) or in minor units.
///
/// ```toml
/// name = "platform-ledger-example"
/// family = "delimited"
/// side = "ledger"
/// [delimited]
/// delimiter = ";"
/// date_format = "dd/MM/yyyy"
/// amount_unit = "minor"              # minor: integers in minor units; major (default): decimals
/// decimal_separator = ","            # for major units; thousands_separator too
/// currency = "CNY"                   # when the export has no currency column
/// [delimited.columns]                # canonical field = the export's column name
/// txn_id = "流水号"
/// account = "子账户"
/// value_date = "记账日期"
/// amount = "金额(分)"
/// currency = "币种"                   # optional with `currency` above
/// type = "业务类型"                   # optional: type, reference, batch_id, counterparty
/// ```
///
/// Rows are read one after another (a platform's daily export is small beside the bank's); a bad
/// row is an error naming file, line and column, or a reject within `--max-rejects`.
package struct MappedLedgerReader: Sendable {
    package let header: FormatSpecHeader
    let delimiter: UInt8
    let quote: UInt8
    let dateFormat: DateFormat
    let minorUnits: Bool
    let amountFormat: AmountFormat
    let currency: String?
    /// The export's column name of each canonical field (nil: the field is absent).
    let columns: [String: String]

    static let required = ["txn_id", "account", "value_date", "amount"]
    static let optional = ["currency", "type", "reference", "batch_id", "counterparty"]

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        guard let t = options else {
            throw FormatSpecError.invalidValue(path: header.path, key: "delimited", expected: "a table with the ledger export's columns")
        }
        self.header = header
        guard header.encoding == .utf8 else {
            throw FormatSpecError.invalidValue(path: header.path, key: "encoding", expected: "utf-8 (a ledger export is read as UTF-8)")
        }
        try t.only(["delimiter", "quote", "date_format", "amount_unit", "decimal_separator", "thousands_separator", "currency", "columns"])
        func byte(_ k: String) throws -> UInt8? {
            guard let s = try t.string(k) else { return nil }
            guard s.utf8.count == 1, let b = s.utf8.first else { throw t.invalid(k, "a single one-byte character") }
            return b
        }
        delimiter = try byte("delimiter") ?? 44
        quote = try byte("quote") ?? 34
        let pattern = try t.string("date_format") ?? "yyyy-MM-dd"
        guard let d = DateFormat(pattern) else { throw t.invalid("date_format", "a date pattern of yyyy or yy, MM and dd") }
        dateFormat = d
        switch try t.string("amount_unit") ?? "major" {
        case "major": minorUnits = false
        case "minor": minorUnits = true
        default: throw t.invalid("amount_unit", "major (decimals) or minor (integers in minor units)")
        }
        amountFormat = AmountFormat(decimalSeparator: try byte("decimal_separator") ?? 46, thousandsSeparator: try byte("thousands_separator"))
        currency = try t.string("currency")
        if let c = currency, !Currency.isWellFormedCode(Array(c.utf8)) { throw t.invalid("currency", "an ISO 4217 code such as \"CNY\"") }
        guard let c = try t.table("columns") else { throw t.invalid("columns", "a table naming the export's column of each ledger field") }
        try c.only(Set(Self.required + Self.optional))
        var map: [String: String] = [:]
        for field in Self.required + Self.optional {
            if let name = try c.string(field) { map[field] = name }
        }
        for field in Self.required where map[field] == nil {
            throw c.invalid(field, "the export's column name of \(field)")
        }
        if map["currency"] == nil && currency == nil {
            throw t.invalid("currency", "a currency code, or a currency column in [delimited.columns]")
        }
        columns = map
    }

    /// Reads the file's rows into `table`; returns rows read and rejected.
    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout LedgerTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> (rows: Int, rejected: Int) {
        var segment = LedgerSegment(stores: table.stores)
        var index: [String: Int]?
        var decoder = FieldDecoder()
        var scratch: [UInt8] = []
        var rows = 0, rejected = 0
        let fixedCurrency = currency.map { Array($0.utf8) }
        do {
        try CSVScanner(delimiter: delimiter, quote: quote).scan(&source, path: path) { record in
            guard let ix = index else {
                index = try headerIndex(record, path: path)
                return
            }
            if record.count == 1 && record[0].isEmpty { return }
            decoder.line = record.line
            do {
                try append(record, ix, &decoder, &segment, &scratch, fixedCurrency)
                rows += 1
            } catch let e as InputError where rejects.limit > 0 {
                let located = e.inFile(path)
                try rejects.reject(located, side: .ledger, raw: record.raw)
                rejected += 1
            }
        }
        } catch let e as InputError {
            throw e.inFile(path)
        }
        guard index != nil else { throw InputError.missingColumn(path: path, line: 1, column: columns["txn_id"]!) }
        segment.merge(into: &table, catalog: &catalog, file: fileIndex)
        try TableLimits.check(table.txnId, table.reference, table.batchId, table.counterparty, path: path)
        return (rows, rejected)
    }

    private func headerIndex(_ record: CSVRecord, path: String) throws -> [String: Int] {
        var names: [String] = []
        for i in 0..<record.count { names.append(String(decoding: record[i], as: UTF8.self).trimmingSpaces) }
        var ix: [String: Int] = [:]
        for (field, name) in columns {
            guard let i = names.firstIndex(of: name) else { throw InputError.missingColumn(path: path, line: record.line, column: name) }
            ix[field] = i
        }
        return ix
    }

    private func append(_ record: CSVRecord, _ ix: [String: Int], _ decoder: inout FieldDecoder, _ s: inout LedgerSegment,
                        _ scratch: inout [UInt8], _ fixedCurrency: [UInt8]?) throws {
        func field(_ name: String) throws -> UnsafeBufferPointer<UInt8> {
            guard let i = ix[name] else { return UnsafeBufferPointer(start: nil, count: 0) }
            guard i < record.count else {
                throw InputError.badRecord(path: "", line: record.line, field: columns[name]!, reason: "missing: the row has \(record.count) fields")
            }
            return trimmed(record[i])
        }
        let id = try field("txn_id"), account = try field("account")
        try decoder.required(id, columns["txn_id"]!)
        try decoder.required(account, columns["account"]!)
        let dateBytes = try field("value_date")
        guard let value = dateFormat.parse(dateBytes) else {
            throw InputError.badRecord(path: "", line: record.line, field: columns["value_date"]!,
                                       reason: "'\(String(decoding: dateBytes, as: UTF8.self))' is not a date \(dateFormat.pattern)")
        }
        let (currencyId, exponent): (Int32, Int)
        if ix["currency"] != nil {
            (currencyId, exponent) = try decoder.currency(try field("currency"), columns["currency"]!, catalog: &s.catalog)
        } else {
            (currencyId, exponent) = try fixedCurrency!.withUnsafeBufferPointer { try decoder.currency($0, "currency", catalog: &s.catalog) }
        }
        let amountBytes = try field("amount")
        let parsed = minorUnits ? MinorUnits.parse(amountBytes, exponent: 0) : amountFormat.parse(amountBytes, exponent: exponent, scratch: &scratch)
        guard case .success(let amount) = parsed else {
            throw InputError.badRecord(path: "", line: record.line, field: columns["amount"]!,
                                       reason: "'\(String(decoding: amountBytes, as: UTF8.self))' is not an amount"
                                           + (minorUnits ? " in minor units (an integer)" : ""))
        }
        let type = try field("type"), reference = try field("reference"), batch = try field("batch_id")
        let counterparty = try field("counterparty")
        try decoder.checkText(id, columns["txn_id"]!)
        try decoder.checkText(account, columns["account"]!)
        for (name, value) in [("type", type), ("reference", reference), ("batch_id", batch)] where ix[name] != nil {
            try decoder.checkText(value, columns[name]!)
        }
        if ix["counterparty"] != nil { try decoder.checkText(counterparty, columns["counterparty"]!, lineBreaks: true) }
        s.account.append(s.catalog.accounts.intern(account))
        s.currency.append(currencyId)
        s.valueDate.append(value.rawValue)
        s.amount.append(amount)
        s.type.append(s.catalog.types.intern(type))
        s.referenceHash.append(reference.isEmpty ? 0 : ByteHash.hash(reference))
        s.batchHash.append(batch.isEmpty ? 0 : ByteHash.hash(batch))
        s.txnId.append(id)
        s.reference.append(reference)
        s.batchId.append(batch)
        if s.stores.contains(.counterparty) { s.counterparty.append(counterparty) }
        if s.stores.contains(.provenance) { s.line.append(UInt32(truncatingIfNeeded: record.line)) }
    }

    private func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        while lo < hi && (b[lo] == 32 || b[lo] == 9) { lo += 1 }
        while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 9) { hi -= 1 }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }
}
