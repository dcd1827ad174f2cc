import ReconCore

/// The state of an MT940/MT942 read: the field being gathered, the open statement, the transaction
/// waiting for its `:86:`.
struct MTReadState: ReadTally {
    let path: String
    let fileIndex: Int
    let format: String
    var statements: [StatementSummary] = []
    var rows = 0
    var rejected = 0
    /// Converts lines from the encoding the spec names; nil for UTF-8, read as it is.
    let transcoder: Transcoder?
    /// Notes on rows read other than as written, by row of the table.
    var notes: [Int: String] = [:]
    /// The table's row count before this file.
    let firstRow: Int
    /// The currency each account's balances gave, for page balances written without one.
    private var currencyOfAccount: [String: String] = [:]

    private var tag: String?
    private var value: [[UInt8]] = []
    private var fieldLine = 0

    private var open = false
    private var summary = StatementSummary(id: "", account: "", currency: "")
    private var reference = ""
    private var sequence = ""
    private var accountText = ""
    private var closed = false
    private var transactions = 0
    private var debitCount = 0, creditCount = 0
    private var debitSum: Int64 = 0, creditSum: Int64 = 0
    private var declared: [ControlTotal] = []
    private var pending: (line: MTTransactionLine, at: Int)?
    private var row = BankRowBuilder()

    init(path: String, fileIndex: Int, format: String, firstRow: Int = 0, transcoder: Transcoder? = nil) {
        self.transcoder = transcoder
        self.firstRow = firstRow
        self.path = path
        self.fileIndex = fileIndex
        self.format = format
    }

    mutating func startField(tag: String, value: [UInt8], line: Int) {
        self.tag = tag
        self.value = [text(value)]
        fieldLine = line
    }

    mutating func continueField(_ line: [UInt8], line number: Int) {
        if tag == nil {
            // Text outside any field (before the first): kept with nothing, like a header line.
            return
        }
        value.append(text(line))
    }

    /// A line as UTF-8: converted from the encoding the spec names, else as it is. Bytes that are
    /// not text in that encoding become ``FieldText/undecodable``, so that a row carrying them is
    /// rejected by the text check (nothing is guessed or replaced quietly).
    private func text(_ bytes: [UInt8]) -> [UInt8] {
        if let transcoder {
            var out: [UInt8] = []
            do {
                try bytes.withUnsafeBufferPointer { try transcoder.convert($0, appendingTo: &out) }
            } catch {
                out.append(contentsOf: String(FieldText.undecodable).utf8)
            }
            return out
        }
        let valid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) == nil }
        return valid ? bytes : Array(FieldText.string(decoding: bytes).utf8)
    }

    private func error(_ field: String, _ reason: String, line: Int? = nil) -> InputError {
        InputError.badRecord(path: path, line: line ?? fieldLine, field: field, reason: reason)
    }

    /// Acts on the field gathered so far.
    mutating func finishField(_ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        guard let tag else { return }
        self.tag = nil
        let joined = Array(value.joined(separator: [10]))
        let flat = Array(value.joined())
        let line = fieldLine
        switch tag {
        case "20":
            if open { try endStatement(&table, &catalog, &rejects) }
            open = true
            closed = false
            summary = StatementSummary(id: "", account: "", currency: "", line: line)
            reference = String(decoding: flat, as: UTF8.self).trimmingSpaces
            sequence = ""
            accountText = ""
            transactions = 0
            debitCount = 0; creditCount = 0; debitSum = 0; creditSum = 0
            declared = []
        case "25":
            accountText = String(decoding: flat, as: UTF8.self).trimmingSpaces
        case "28C", "28":
            sequence = String(decoding: flat, as: UTF8.self).trimmingSpaces
        case "60F", "60M":
            let b = try balance(tag, flat)
            summary.openingBalance = b.amount
            summary.openingDate = b.day
            if summary.currency.isEmpty { summary.currency = b.currency }
            currencyOfAccount[accountText] = b.currency
        case "62F", "62M":
            try flushPending(&table, &catalog, &rejects)
            let b = try balance(tag, flat)
            summary.closingBalance = b.amount
            summary.closingDate = b.day
            if summary.currency.isEmpty { summary.currency = b.currency }
            currencyOfAccount[accountText] = b.currency
            closed = true
        case "64", "65":
            try flushPending(&table, &catalog, &rejects)
            guard MTBalance(flat) != nil else { throw error(":\(tag):", "'\(String(decoding: flat, as: UTF8.self))' is not a balance") }
            closed = true
        case "34F":
            let code = flat.prefix(3)
            if Currency.isWellFormedCode(code), summary.currency.isEmpty { summary.currency = String(decoding: code, as: UTF8.self) }
        case "13D", "13":
            if flat.count >= 6, let d = MTValue.date(flat[0..<6]) { summary.closingDate = d }
        case "90D", "90C":
            // Number, currency, sum.
            var i = 0
            while i < flat.count && flat[i] >= 48 && flat[i] <= 57 { i += 1 }
            guard i > 0, flat.count >= i + 4, Currency.isWellFormedCode(flat[i..<(i + 3)]),
                  let count = Int(String(decoding: flat[0..<i], as: UTF8.self)),
                  let sum = MTValue.amount(flat[(i + 3)...], exponent: Currency.exponent(ofCode: flat[i..<(i + 3)])) else {
                throw error(":\(tag):", "'\(String(decoding: flat, as: UTF8.self))' is not a count, currency and amount")
            }
            let side = tag == "90D" ? "debit" : "credit"
            declared.append(ControlTotal(name: ":\(tag): \(side) count", declared: Int64(count), computed: 0))
            declared.append(ControlTotal(name: ":\(tag): \(side) sum", declared: sum, computed: 0))
        case "61":
            try flushPending(&table, &catalog, &rejects)
            guard open else {
                try reject(&rejects, ":61:", "a transaction outside any statement (no :20: before it since the last end)", raw: joined)
                return
            }
            guard !summary.currency.isEmpty else { throw error(":61:", "the statement has no currency before its first transaction (:60F: or :34F:)") }
            do {
                pending = (try MTTransactionLine(Array(joined), exponent: Currency.exponent(ofCode: Array(summary.currency.utf8))), line)
            } catch MTTransactionLine.Failure.field(let field, let reason) {
                try reject(&rejects, ":61: \(field)", reason, raw: joined)
            }
        case "86":
            if let p = pending, !closed {
                pending = nil
                try append(p.line, at: p.at, information: MTInformation(lines: value), &table, &catalog, &rejects)
            }
            // Otherwise the statement's own information (after its closing balance): no row.
        default:
            break
        }
    }

    /// An opening or closing balance. A page balance (`:60M:`, `:62M:`) written without its currency
    /// (mark, date, amount) takes the currency of the statement, or of the account's earlier
    /// balances in the file; with neither it is refused.
    private func balance(_ tag: String, _ flat: [UInt8]) throws -> MTBalance {
        if let b = MTBalance(flat) { return b }
        let text = String(decoding: flat, as: UTF8.self)
        if tag.hasSuffix("M"), let currency = summary.currency.isEmpty ? currencyOfAccount[accountText] : summary.currency,
           let b = MTBalance(withoutCurrency: flat, currency: currency) {
            return b
        }
        if tag.hasSuffix("M"), MTBalance(withoutCurrency: flat, currency: "EUR") != nil {
            throw error(":\(tag):", "'\(text)' is a page balance without a currency, and no other balance of account '\(accountText)' gives one")
        }
        throw error(":\(tag):", "'\(text)' is not a balance (C|D, YYMMDD, currency, amount)")
    }

    private mutating func reject(_ rejects: inout RejectLog, _ field: String, _ reason: String, raw: [UInt8]) throws {
        let e = InputError.badRecord(path: path, line: fieldLine, field: field, reason: reason)
        try raw.withUnsafeBufferPointer { try rejects.reject(e, side: .bank, raw: $0) }
        rejected += 1
    }

    private mutating func flushPending(_ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        guard let p = pending else { return }
        pending = nil
        try append(p.line, at: p.at, information: nil, &table, &catalog, &rejects)
    }

    private mutating func append(_ t: MTTransactionLine, at line: Int, information: MTInformation?, _ table: inout BankTable,
                                 _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        transactions += 1
        row.reset()
        row.line = line
        let id = statementId
        row.bankRef = Array((t.bankReference.isEmpty ? "\(id)-\(statements.count + 1).\(transactions)" : t.bankReference).utf8)
        row.account = Array(account.utf8)
        row.currency = Array(summary.currency.utf8)
        row.amount = t.amount
        row.bookingDate = t.entryDate ?? t.valueDate
        row.valueDate = t.valueDate
        var e2e = information?.endToEndId ?? ""
        if e2e.isEmpty && t.customerReference.count >= 3 && !Self.placeholderReferences.contains(t.customerReference) {
            e2e = t.customerReference
        }
        row.endToEndId = Array(e2e.utf8)
        row.counterparty = Array((information?.counterparty ?? "").utf8)
        var description = information?.remittance ?? ""
        if description.isEmpty { description = t.supplementary }
        if t.reversal { description = "reversal: " + description }
        row.description = Array(description.utf8)
        guard !row.account.isEmpty else { throw error(":25:", "statement '\(id)' has no account before its transactions", line: summary.line) }
        // A row whose texts fail the check is rejected by the append, and still counts in the
        // statement (its amount was read).
        if try table.append(row, file: fileIndex, path: path, catalog: &catalog, rejects: &rejects) {
            if let note = t.note { notes[firstRow + rows] = note }
            rows += 1
        } else {
            rejected += 1
        }
        summary.movementCount += 1
        summary.movementSum &+= t.amount
        if t.amount < 0 { debitCount += 1; debitSum &+= -t.amount } else { creditCount += 1; creditSum &+= t.amount }
    }

    /// Customer references that name a kind of reference rather than being one.
    static let placeholderReferences: Set<String> = ["NONREF", "NOTPROVIDED", "EREF", "PREF", "KREF", "MARF", "NONE"]

    private var statementId: String { sequence.isEmpty ? reference : reference + "/" + sequence }

    /// The account: `:25:` without a trailing currency code equal to the statement's.
    private var account: String {
        var a = accountText
        if a.count > 3, a.hasSuffix(summary.currency), !summary.currency.isEmpty {
            let before = a.dropLast(3)
            if let c = before.last, c.isNumber || c == " " { a = String(before).trimmingSpaces }
        }
        return a
    }

    /// Closes the open statement: its summary, with the MT942 control totals.
    mutating func endStatement(_ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        guard open else { return }
        try flushPending(&table, &catalog, &rejects)
        open = false
        guard !accountText.isEmpty else { throw error(":25:", "statement '\(statementId)' has no account (:25:)", line: summary.line) }
        summary.id = statementId
        summary.account = account
        summary.controls = declared.map { c in
            var c = c
            switch c.name {
            case ":90D: debit count": c.computed = Int64(debitCount)
            case ":90D: debit sum": c.computed = debitSum
            case ":90C: credit count": c.computed = Int64(creditCount)
            case ":90C: credit sum": c.computed = creditSum
            default: break
            }
            return c
        }
        statements.append(summary)
    }
}
