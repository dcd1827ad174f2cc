import ReconCore

/// The `[delimited]` table of a format spec: how a bank's CSV export maps onto a bank movement.
///
/// ```toml
/// [delimited]
/// delimiter = ","                      # one byte; "\t" for tab-separated
/// quote = "\""
/// skip_lines = 0                       # records before the header
/// header_starts_with = "交易日期"       # or: the header is the first record whose first value starts so
/// stop_at = ["人民币合计"]              # a record whose first value starts so ends the data
/// trim = true                          # strip spaces and tabs around values (default)
/// empty = ["-", "/"]                   # values that mean "empty"
/// date_format = "yyyy-MM-dd"           # yyyy yy MM dd; a time after the date is ignored
/// decimal_separator = "."
/// thousands_separator = ","
/// balance_order = "oldest_first"       # or newest_first: how rows are ordered, for the balance check
/// account = "6222…"                    # fixed, or [delimited.account] with column / pattern
/// currency = "CNY"                     # fixed, or [delimited.currency] with column / pattern and map
///
/// [delimited.columns]                  # header name, or 1-based position
/// bank_ref = "交易流水号"                # optional: default file:line
/// booking_date = "交易日期"             # required
/// value_date = "起息日"                 # optional: default booking date
/// amount = "金额"                       # one signed column; or with `direction`;
/// direction = "借贷"                    #   or separate unsigned `debit` and `credit` columns
/// debit = "支出"
/// credit = "收入"
/// end_to_end_id = "订单号"
/// counterparty = "对方户名"
/// description = ["摘要", "备注"]         # several are joined with a space
/// balance = "余额"                      # running balance, checked row by row
///
/// [delimited.direction]                # with `direction`
/// debit = ["借", "D"]
/// credit = ["贷", "C"]
/// skip = ["不计收支"]                   # not a movement of the account: skipped, counted
///
/// [delimited.skip]                     # rows that are not movements (a cancelled trade)
/// column = "交易状态"
/// values = ["交易关闭"]
///
/// [delimited.reference]                # end_to_end_id from free text when the column is empty
/// columns = ["摘要"]
/// pattern = "订单编号(\\d+)"            # first capture group
///
/// [delimited.balances]                 # statement balances from lines before or after the data
/// opening = "Balance at start of period,+\"?([+-]?[0-9.,]+)"
/// closing = "Balance at end of period,+\"?([+-]?[0-9.,]+)"
///
/// [[delimited.controls]]               # totals the file declares about itself
/// name = "credits"
/// pattern = "收入：(\\d+)笔"
/// measure = "credit_count"             # count, sum, credit_count, credit_sum, debit_count, debit_sum
/// ```
package struct DelimitedSpec: Sendable {
    package enum ValueSource: Sendable, Equatable {
        case fixed(String)
        case column(ColumnRef)
        /// A regular expression over the lines before the header; its first capture group.
        case pattern(String)
    }

    package enum Measure: String, Sendable, CaseIterable {
        case count, sum
        case creditCount = "credit_count", creditSum = "credit_sum"
        case debitCount = "debit_count", debitSum = "debit_sum"
    }

    package struct Control: Sendable, Equatable {
        package var name: String
        package var pattern: String
        package var measure: Measure
    }

    package var delimiter: UInt8 = 44
    package var quote: UInt8 = 34
    package var skipLines = 0
    package var headerStartsWith: [UInt8]?
    package var stopAt: [[UInt8]] = []
    package var trim = true
    package var emptyValues: [[UInt8]] = []
    package var dateFormat = DateFormat("yyyy-MM-dd")!
    package var amountFormat = AmountFormat()
    package var newestFirst = false
    package var account: ValueSource
    package var currency: ValueSource
    package var currencyMap: [String: String] = [:]

    package var bankRef: ColumnRef?
    package var bookingDate: ColumnRef
    package var valueDate: ColumnRef?
    package var amount: ColumnRef?
    package var direction: ColumnRef?
    package var debit: ColumnRef?
    package var credit: ColumnRef?
    package var endToEndId: ColumnRef?
    package var counterparty: [ColumnRef] = []
    package var description: [ColumnRef] = []
    package var balance: ColumnRef?

    package var debitValues: [[UInt8]] = []
    package var creditValues: [[UInt8]] = []
    package var skipValues: [[UInt8]] = []
    package var skipColumn: ColumnRef?
    package var skipColumnValues: [[UInt8]] = []
    package var referenceColumns: [ColumnRef] = []
    package var referencePattern: String?
    package var openingPattern: String?
    package var closingPattern: String?
    package var controls: [Control] = []

    init(_ t: SpecTable) throws {
        try t.only(["delimiter", "quote", "skip_lines", "header_starts_with", "stop_at", "trim", "empty", "date_format",
                    "decimal_separator", "thousands_separator", "balance_order", "account", "currency", "columns",
                    "direction", "skip", "reference", "balances", "controls"])
        func byte(_ k: String) throws -> UInt8? {
            guard let s = try t.string(k) else { return nil }
            guard s.utf8.count == 1, let b = s.utf8.first else { throw t.invalid(k, "a single one-byte character") }
            return b
        }
        delimiter = try byte("delimiter") ?? 44
        quote = try byte("quote") ?? 34
        skipLines = try t.int("skip_lines", min: 0) ?? 0
        headerStartsWith = try t.string("header_starts_with").map { Array($0.utf8) }
        stopAt = (try t.strings("stop_at") ?? []).map { Array($0.utf8) }
        trim = try t.bool("trim") ?? true
        emptyValues = (try t.strings("empty") ?? []).map { Array($0.utf8) }
        if let f = try t.string("date_format") {
            guard let d = DateFormat(f) else { throw t.invalid("date_format", "a date pattern of yyyy or yy, MM and dd") }
            dateFormat = d
        }
        amountFormat = AmountFormat(decimalSeparator: try byte("decimal_separator") ?? 46,
                                    thousandsSeparator: try byte("thousands_separator"))
        switch try t.string("balance_order") ?? "oldest_first" {
        case "oldest_first": newestFirst = false
        case "newest_first": newestFirst = true
        default: throw t.invalid("balance_order", "oldest_first or newest_first")
        }
        (account, _) = try DelimitedSpec.valueSource(t, "account", allowMap: false)
        (currency, currencyMap) = try DelimitedSpec.valueSource(t, "currency", allowMap: true)
        if case .fixed(let c) = currency, !Currency.isWellFormedCode(Array(c.utf8)) {
            throw t.invalid("currency", "an ISO 4217 code such as CNY")
        }

        let c = try t.requiredTable("columns")
        try c.only(["bank_ref", "booking_date", "value_date", "amount", "direction", "debit", "credit", "end_to_end_id",
                    "counterparty", "description", "balance"])
        bankRef = try DelimitedSpec.columns(c, "bank_ref")?.first
        guard let booking = try DelimitedSpec.columns(c, "booking_date")?.first else {
            throw FormatSpecError.missingKey(path: c.path, key: c.key("booking_date"))
        }
        bookingDate = booking
        try readColumns(c)
        try readDirection(t)
        try readSkip(t)
        try readReference(t)
        try readBalances(t)
        try readControls(t)
    }

    /// `[delimited.columns]` after `bank_ref` and `booking_date`: the other columns, and the ways
    /// the amount may be given (one column, with a direction, or debit and credit).
    private mutating func readColumns(_ c: SpecTable) throws {
        func column(_ k: String) throws -> ColumnRef? { try DelimitedSpec.columns(c, k)?.first }
        valueDate = try column("value_date")
        amount = try column("amount")
        direction = try column("direction")
        debit = try column("debit")
        credit = try column("credit")
        endToEndId = try column("end_to_end_id")
        counterparty = try DelimitedSpec.columns(c, "counterparty") ?? []
        description = try DelimitedSpec.columns(c, "description") ?? []
        balance = try column("balance")
        let separate = debit != nil || credit != nil
        if separate && (amount != nil || debit == nil || credit == nil) {
            throw c.invalid(amount != nil ? "amount" : "debit", "either `amount` (with an optional `direction`) or both `debit` and `credit`")
        }
        if !separate && amount == nil { throw FormatSpecError.missingKey(path: c.path, key: c.key("amount")) }
        if direction != nil && amount == nil { throw c.invalid("direction", "used together with `amount`") }
    }

    /// `[delimited.direction]`: the debit, credit and skip values of the direction column.
    private mutating func readDirection(_ t: SpecTable) throws {
        if let d = try t.table("direction") {
            try d.only(["debit", "credit", "skip"])
            debitValues = (try d.strings("debit") ?? []).map { Array($0.utf8) }
            creditValues = (try d.strings("credit") ?? []).map { Array($0.utf8) }
            skipValues = (try d.strings("skip") ?? []).map { Array($0.utf8) }
        }
        if direction != nil && (debitValues.isEmpty || creditValues.isEmpty) {
            throw FormatSpecError.missingKey(path: t.path, key: t.key("direction.debit and direction.credit"))
        }
    }

    /// `[delimited.skip]`: the column and values of rows that are not movements.
    private mutating func readSkip(_ t: SpecTable) throws {
        if let k = try t.table("skip") {
            try k.only(["column", "values"])
            skipColumn = try DelimitedSpec.columns(k, "column")?.first
            skipColumnValues = (try k.strings("values") ?? []).map { Array($0.utf8) }
            if skipColumn == nil { throw FormatSpecError.missingKey(path: k.path, key: k.key("column")) }
        }
    }

    /// `[delimited.reference]`: where to find an end_to_end_id in free text.
    private mutating func readReference(_ t: SpecTable) throws {
        if let r = try t.table("reference") {
            try r.only(["columns", "pattern"])
            referenceColumns = try DelimitedSpec.columns(r, "columns") ?? []
            referencePattern = try DelimitedSpec.regex(r, "pattern", required: true)
            if referenceColumns.isEmpty { throw FormatSpecError.missingKey(path: r.path, key: r.key("columns")) }
        }
    }

    /// `[delimited.balances]`: the patterns of the opening and closing balances.
    private mutating func readBalances(_ t: SpecTable) throws {
        if let b = try t.table("balances") {
            try b.only(["opening", "closing"])
            openingPattern = try DelimitedSpec.regex(b, "opening", required: false)
            closingPattern = try DelimitedSpec.regex(b, "closing", required: false)
        }
    }

    /// `[[delimited.controls]]`: the totals the file declares about itself.
    private mutating func readControls(_ t: SpecTable) throws {
        for ct in try t.tables("controls") ?? [] {
            try ct.only(["name", "pattern", "measure"])
            let m = try ct.requiredString("measure")
            guard let measure = Measure(rawValue: m) else {
                throw ct.invalid("measure", Measure.allCases.map(\.rawValue).joined(separator: ", "))
            }
            controls.append(Control(name: try ct.requiredString("name"), pattern: try DelimitedSpec.regex(ct, "pattern", required: true)!,
                                    measure: measure))
        }
    }

    static func columns(_ t: SpecTable, _ k: String) throws -> [ColumnRef]? {
        if let i = try? t.int(k, min: 1) { return [.position(i)] }
        if let names = try? t.strings(k) { return names.map { .name($0) } }
        if t.contains(k) { throw t.invalid(k, "a header name, a 1-based position, or an array of header names") }
        return nil
    }

    static func regex(_ t: SpecTable, _ k: String, required: Bool) throws -> String? {
        guard let p = try t.string(k) else {
            if required { throw FormatSpecError.missingKey(path: t.path, key: t.key(k)) }
            return nil
        }
        do { _ = try Regex(p) } catch { throw t.invalid(k, "a valid regular expression (\(error))") }
        return p
    }

    static func valueSource(_ t: SpecTable, _ k: String, allowMap: Bool) throws -> (ValueSource, [String: String]) {
        if let s = try? t.string(k) { return (.fixed(s), [:]) }
        guard let sub = try t.table(k) else { throw FormatSpecError.missingKey(path: t.path, key: t.key(k)) }
        try sub.only(allowMap ? ["column", "pattern", "value", "map"] : ["column", "pattern", "value"])
        var map: [String: String] = [:]
        if allowMap, let m = try sub.table("map") {
            for key in m.keys { map[key] = try m.requiredString(key) }
        }
        if let v = try sub.string("value") { return (.fixed(v), map) }
        if let p = try regex(sub, "pattern", required: false) { return (.pattern(p), map) }
        if let c = try columns(sub, "column")?.first { return (.column(c), map) }
        throw sub.invalid("column", "one of value, column or pattern")
    }
}
