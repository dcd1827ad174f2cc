import ReconCore

/// The `[fixed-width]` table of a format spec: how the records of a fixed-width bank file are told
/// apart and where their fields lie. The layout is data; a new bank is a new spec file.
///
/// ```toml
/// [fixed-width]
/// record_length = 120          # bytes per record (required). Shorter lines are padded with spaces
///                              # (exports strip trailing spaces); longer ones are an error unless
///                              # the excess is spaces. A file with no line breaks is cut every
///                              # record_length bytes. Blank lines are skipped.
/// year_pivot = 69              # two-digit years: YY < pivot → 20YY, else 19YY (default 69)
///
/// [fixed-width.currency_codes] # optional: currency field values → ISO 4217 codes
/// "978" = "EUR"                # (a value not listed must itself be three capital letters)
///
/// [[fixed-width.records]]      # one entry per record type, as many as needed
/// name = "04 movement"         # for messages and control names (default "record PREFIX")
/// prefix = "04"                # the record's first bytes; the longest matching prefix wins
/// when = { start = 46, equals = ["LIB", "LCC"] }   # optional further test (same prefix, several types)
/// role = "movement"            # header | opening | movement | complement | closing | trailer | ignore
/// counted = true               # false: a trailer's record_count leaves this record type out (CODA 4)
///
/// [fixed-width.records.fields] # canonical target = where it lies; starts are 1-based BYTE positions
/// amount = { start = 91, length = 14, format = "overpunch" }   # digits | overpunch | decimal
/// decimals = { start = 20, length = 1 }                        # implied decimals, per record
/// sign = { start = 28, length = 1, debit = ["1"], credit = ["2"] }
/// booking_date = { start = 35, format = "DDMMYY" }             # YYYY|YY, MM, DD, literals
/// value_date = { start = 43, format = "DDMMYY" }
/// description = { start = 49, length = 31 }
/// account = { parts = [{ start = 3, length = 5 }, { start = 22, length = 11 }], join = "" }
/// ```
///
/// Fields by role (a field a role does not list is refused on load):
///
/// | role | fields (required in bold) |
/// |---|---|
/// | `header` | none: ends a movement, restarts `record_count` |
/// | `opening` | **account**, **currency**, **balance**, sign, decimals, date, statement_id |
/// | `movement` | **amount**, **booking_date** (or value_date), value_date, sign, decimals, bank_ref, end_to_end_id, counterparty, description, account, currency, globalisation + sequence |
/// | `complement` | bank_ref, end_to_end_id, counterparty, description (folded into the movement before) |
/// | `closing` | **balance**, sign, decimals, date, account, currency (checked against the opening's), control totals |
/// | `trailer` | at least one control total, decimals |
/// | `ignore` | none |
///
/// Field kinds:
/// - **amounts** (`amount`, `balance`, `debit_total`, `credit_total`): `{ start, length, format,
///   decimals }`; implied decimals from the field's `decimals`, else the record's `decimals` field.
///   `digits` allows a leading `+`/`-`; `overpunch` is ``Overpunch``; `decimal` is `-123.45`.
///   Values are converted exactly to minor units of the currency (never through floating point).
/// - **sign**: a debit/credit code field for the record's amount or balance; the listed codes are
///   compared in the file's encoding (`debit = ["借", "D"]` works in GB18030). Not with `overpunch`.
/// - **dates**: `{ start, format }`; a blank or all-zero date is no date (a movement's value date
///   then is its booking date and the other way round).
/// - **text** (`account`, `statement_id`, `bank_ref`, `end_to_end_id`, `counterparty`,
///   `description`): see ``FixedWidthTextField`` for `parts`, `join` and `only`. Text is transcoded
///   from the spec's `encoding` per field, trimmed of spaces.
/// - **currency**: `{ start, length }`, mapped through `currency_codes`.
/// - **counts** (`movement_count`, `debit_count`, `credit_count`, `record_count`): digits; see
///   ``FixedWidthControlKind`` for what each is compared with.
/// - **globalisation** + **sequence** (CODA): a movement whose globalisation code is above 0 is a
///   grouped total; the movement records after it with the same sequence number are its details
///   and are skipped with their complements, so that only the total (one level) is read.
///
/// Movements belong to the statement the last `opening` record started; a `closing` record ends
/// it. Control totals of closing and trailer records go to that statement's
/// ``StatementSummary/controls``; the reader reports them and the balances, it does not judge them.
struct FixedWidthLayout: Sendable {
    let recordLength: Int
    let yearPivot: Int
    /// Currency field values (in the file's encoding) → ISO 4217 codes.
    let currencyCodes: [[UInt8]: [UInt8]]
    /// Record types in matching order: longest prefix first, then spec order.
    let records: [FixedWidthRecordType]
    /// Indices into `records` of the types whose prefix starts with each byte value.
    private let candidates: [[Int]]
    let encoding: TextEncoding

    init(table: SpecTable?, header: FormatSpecHeader) throws {
        guard let table else { throw FormatSpecError.missingKey(path: header.path, key: "fixed-width") }
        guard [.utf8, .gb18030, .latin1, .windows1252].contains(header.encoding) else {
            throw FormatSpecError.invalidValue(path: header.path, key: "encoding",
                                               expected: "an ASCII-compatible encoding for a fixed-width file (utf-8, gb18030, latin-1, windows-1252)")
        }
        encoding = header.encoding
        try table.only(["record_length", "year_pivot", "currency_codes", "records"])
        let recordLength = try table.requiredInt("record_length", min: 1)
        self.recordLength = recordLength
        if recordLength > 1 << 16 { throw table.invalid("record_length", "at most 65536") }
        yearPivot = try table.int("year_pivot", min: 0) ?? 69
        if yearPivot > 100 { throw table.invalid("year_pivot", "an integer from 0 to 100") }
        let encoder = try FixedWidthTextEncoder(to: header.encoding)

        var codes: [[UInt8]: [UInt8]] = [:]
        if let c = try table.table("currency_codes") {
            for k in c.keys.sorted() {
                let iso = try c.requiredString(k)
                guard Currency.isWellFormedCode(Array(iso.utf8)) else { throw c.invalid(k, "an ISO 4217 code (three capital letters)") }
                guard let key = try? encoder.encode(k), !key.isEmpty else { throw c.invalid(k, "a key the spec's encoding can write") }
                codes[key] = Array(iso.utf8)
            }
        }
        currencyCodes = codes

        guard let entries = try table.tables("records"), !entries.isEmpty else {
            throw FormatSpecError.missingKey(path: table.path, key: table.key("records"))
        }
        let parsed = try entries.map { try FixedWidthRecordType(table: $0, recordLength: recordLength, encoder: encoder) }
        for role in [FixedWidthRole.opening, .movement] where !parsed.contains(where: { $0.role == role }) {
            throw table.invalid("records", "a list with at least one record of role \"\(role.rawValue)\"")
        }
        // A type is unreachable when an earlier one with the same prefix has no `when`.
        for (i, r) in parsed.enumerated() {
            if parsed[..<i].contains(where: { $0.prefix == r.prefix && $0.condition == nil }) {
                throw FormatSpecError.invalidValue(path: table.path, key: r.key + ".prefix",
                                                   expected: "a prefix that an earlier record type without `when` does not already take")
            }
        }
        let order = parsed.indices.sorted { a, b in
            parsed[a].prefix.count != parsed[b].prefix.count ? parsed[a].prefix.count > parsed[b].prefix.count : a < b
        }
        records = order.map { parsed[$0] }
        var byByte = [[Int]](repeating: [], count: 256)
        for (i, r) in records.enumerated() { byByte[Int(r.prefix[0])].append(i) }
        candidates = byByte
    }

    /// The index of the record type of `record` (padded), or nil when no type recognises it.
    @inline(__always)
    func recordType(of record: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = record.first else { return nil }
        for i in candidates[Int(first)] where records[i].matches(record) { return i }
        return nil
    }
}
