import ReconCore

/// Turns the records of one fixed-width file into movements and statements, following the roles
/// of its ``FixedWidthLayout``.
///
/// A movement is held until the next record that is neither a complement nor ignored, so that its
/// complements can be folded in; then it is appended to the table and counted in its statement.
///
/// Errors: a bad movement or complement record, or one of no known type, is a rejectable row (with
/// rejects allowed it goes to the reject log, together with the movement a bad complement belongs
/// to, and the complements after it are skipped); a bad opening, closing, trailer or header record
/// stops the reading, since the statement it describes cannot be trusted.
struct FixedWidthAssembler {
    let layout: FixedWidthLayout
    let path: String
    let fileIndex: Int
    let decoder: FixedWidthTextDecoder

    /// Finished statements, in file order.
    private(set) var statements: [StatementSummary] = []
    /// The last statement started, open or closed.
    private var current: FixedWidthStatementState?
    private var row = BankRowBuilder()
    /// A movement is held in `row`.
    private var holding = false
    private var holdingDebit = false
    /// The complements and details that follow are skipped (a globalisation's details, or a
    /// rejected movement's complements).
    private var skipping = false
    /// Sequence number of the open globalisation (CODA), whose detail movements are skipped.
    private var group: [UInt8]? = nil
    private var recordsSinceHeader = 0
    private var statementNumber = 0
    private(set) var rows = 0

    init(layout: FixedWidthLayout, path: String, fileIndex: Int, decoder: FixedWidthTextDecoder) {
        self.layout = layout
        self.path = path
        self.fileIndex = fileIndex
        self.decoder = decoder
    }

    /// Reads one record. `scratch` is a buffer of at least the record length, used to pad short
    /// records with spaces.
    mutating func consume(_ raw: FixedWidthRawRecord, scratch: UnsafeMutableBufferPointer<UInt8>,
                          table: inout BankTable, catalog: inout Catalog, rejects: inout RejectLog,
                          onRow: (BankRowBuilder) -> Void) throws {
        let length = layout.recordLength
        let record: UnsafeBufferPointer<UInt8>
        if raw.bytes.count >= length {
            record = UnsafeBufferPointer(rebasing: raw.bytes[0..<length])
        } else {
            let n = raw.bytes.count
            if n > 0 { scratch.baseAddress!.update(from: raw.bytes.baseAddress!, count: n) }
            scratch.baseAddress!.advanced(by: n).update(repeating: 32, count: length - n)
            record = UnsafeBufferPointer(start: scratch.baseAddress!, count: length)
        }
        defer { recordsSinceHeader += 1 }
        guard let index = layout.recordType(of: record) else {
            // Rejectable like a row; a movement in progress is left as it is.
            let prefix = FixedWidthBytes.quoted(UnsafeBufferPointer(rebasing: raw.bytes.prefix(4)))
            let error = FixedWidthValueError(nil, "unknown record type: no record type of the spec recognises a record starting \(prefix)")
            try reject(error, raw, rejects: &rejects)
            return
        }
        let type = layout.records[index]
        // A record the trailer's count leaves out: the deferred increment brings it back to where it was.
        if !type.counted { recordsSinceHeader -= 1 }
        switch type.role {
        case .ignore:
            return
        case .complement:
            do {
                try checkLength(raw, type)
                try complement(type, record, raw)
            } catch let e as FixedWidthValueError {
                let setAside = holding
                holding = false
                clearRow()
                try reject(e, raw, type: type, setAside: setAside, rejects: &rejects)
                skipping = true
            }
        case .movement:
            try flush(&table, &catalog, &rejects, onRow)
            do {
                try checkLength(raw, type)
                try movement(type, record, raw)
            } catch let e as FixedWidthValueError {
                holding = false
                clearRow()
                try reject(e, raw, type: type, rejects: &rejects)
                skipping = true
            }
        case .opening, .closing, .trailer, .header:
            try flush(&table, &catalog, &rejects, onRow)
            do {
                try checkLength(raw, type)
                switch type.role {
                case .opening: try opening(type, record, raw)
                case .closing: try closing(type, record, raw)
                case .trailer: try trailer(type, record, raw)
                default:
                    group = nil
                    recordsSinceHeader = -1 // the deferred increment makes it 0
                }
            } catch let e as FixedWidthValueError {
                throw inputError(e, raw, type: type)
            }
        }
    }

    /// Appends the movement in progress and returns every statement of the file.
    mutating func finish(table: inout BankTable, catalog: inout Catalog, rejects: inout RejectLog,
                         onRow: (BankRowBuilder) -> Void) throws -> [StatementSummary] {
        try flush(&table, &catalog, &rejects, onRow)
        if let current { statements.append(current.summary) }
        current = nil
        return statements
    }

    // MARK: roles

    private mutating func movement(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ raw: FixedWidthRawRecord) throws {
        let actual = raw.bytes.count
        if let sequence = type.sequence {
            let s = sequence.bytes(record)
            if let g = group, s.elementsEqual(g) {
                skipping = true // a detail of the globalisation: its total was read
                return
            }
            group = nil
            if let glob = type.globalisation, try number(glob, record) > 0 { group = Array(s) }
        }
        guard current != nil else { throw FixedWidthValueError(nil, "movement before any opening record") }
        if current!.closed {
            throw FixedWidthValueError(nil, "movement after the closing record of the statement of line \(current!.summary.line), with no opening record since")
        }
        row.line = raw.number
        // Account and currency are assigned, not copied: the arrays share the statement's storage.
        var exponent = current!.exponent
        if let c = type.currency {
            row.currency = try currency(c, record, actual)
            exponent = Currency.exponent(ofCode: row.currency)
        } else {
            row.currency = current!.currency
        }
        if let a = type.account {
            row.account = try a.value(record, decoder: decoder)
            if row.account.isEmpty { throw FixedWidthValueError("account", "empty account") }
        } else {
            row.account = current!.account
        }
        let (amount, debit) = try signedAmount(type, record, actual, exponent: exponent)
        row.amount = amount
        var booking: Day? = nil, value: Day? = nil
        if let b = type.bookingDate {
            try b.span.requirePresent(actualLength: actual)
            booking = try b.read(record, pivot: layout.yearPivot)
        }
        if let v = type.valueDate { value = try v.read(record, pivot: layout.yearPivot) }
        guard let day = booking ?? value else {
            throw FixedWidthValueError(type.bookingDate?.span.name ?? "value_date", "empty date")
        }
        row.bookingDate = day
        row.valueDate = value ?? day
        try texts(type, record, debit: debit)
        holding = true
        holdingDebit = debit
        skipping = false
    }

    private mutating func complement(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ raw: FixedWidthRawRecord) throws {
        if skipping { return }
        guard holding else { throw FixedWidthValueError(nil, "complement record with no movement before it") }
        try texts(type, record, debit: holdingDebit)
    }

    private mutating func opening(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ raw: FixedWidthRawRecord) throws {
        let actual = raw.bytes.count
        if let current { statements.append(current.summary) }
        current = nil
        group = nil
        statementNumber += 1
        let account = try type.account!.value(record, decoder: decoder)
        if account.isEmpty { throw FixedWidthValueError("account", "empty account") }
        let code = try currency(type.currency!, record, actual)
        let exponent = Currency.exponent(ofCode: code)
        let (balance, _) = try signedAmount(type, record, actual, exponent: exponent)
        let date = try type.date?.read(record, pivot: layout.yearPivot)
        var id = "\(statementNumber)"
        if let s = type.statementId {
            let v = try s.value(record, decoder: decoder)
            if !v.isEmpty { id = String(decoding: v, as: UTF8.self) }
        }
        var summary = StatementSummary(id: id, account: String(decoding: account, as: UTF8.self),
                                       currency: String(decoding: code, as: UTF8.self), line: raw.number)
        summary.openingBalance = balance
        summary.openingDate = date
        current = FixedWidthStatementState(summary: summary, account: account, currency: code)
    }

    private mutating func closing(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ raw: FixedWidthRawRecord) throws {
        let actual = raw.bytes.count
        guard var statement = current else { throw FixedWidthValueError(nil, "closing record with no opening record before it") }
        if statement.closed {
            throw FixedWidthValueError(nil, "second closing record for the statement of line \(statement.summary.line)")
        }
        if let a = type.account {
            let account = try a.value(record, decoder: decoder)
            if account != statement.account {
                throw FixedWidthValueError("account", "'\(String(decoding: account, as: UTF8.self))' is not the account '\(statement.summary.account)' of the statement of line \(statement.summary.line)")
            }
        }
        if let c = type.currency {
            let code = try currency(c, record, actual)
            if code != statement.currency {
                throw FixedWidthValueError("currency", "'\(String(decoding: code, as: UTF8.self))' is not the currency \(statement.summary.currency) of the statement of line \(statement.summary.line)")
            }
        }
        let (balance, _) = try signedAmount(type, record, actual, exponent: statement.exponent)
        statement.summary.closingBalance = balance
        statement.summary.closingDate = try type.date?.read(record, pivot: layout.yearPivot)
        try controls(type, record, actual, into: &statement)
        statement.closed = true
        current = statement
    }

    private mutating func trailer(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ raw: FixedWidthRawRecord) throws {
        guard var statement = current else { throw FixedWidthValueError(nil, "trailer record with no statement before it") }
        try controls(type, record, raw.bytes.count, into: &statement)
        current = statement
        group = nil
    }

    // MARK: fields

    private func controls(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ actual: Int,
                          into statement: inout FixedWidthStatementState) throws {
        if type.controls.isEmpty { return }
        let decimals = try recordDecimals(type, record, actual)
        for c in type.controls {
            try c.field.span.requirePresent(actualLength: actual)
            let exponent = c.kind.isMoney ? statement.exponent : 0
            let (declared, _) = try c.field.read(record, recordDecimals: decimals, exponent: exponent)
            let computed = statement.computed(c.kind, recordsSinceHeader: recordsSinceHeader)
            statement.summary.controls.append(ControlTotal(name: type.name + " " + c.kind.rawValue, declared: declared, computed: computed))
        }
    }

    /// The record's amount or balance with its sign applied, and whether it is a debit.
    private func signedAmount(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ actual: Int,
                              exponent: Int) throws -> (Int64, Bool) {
        let field = type.amount!
        try field.span.requirePresent(actualLength: actual)
        let decimals = try recordDecimals(type, record, actual)
        var (value, negative) = try field.read(record, recordDecimals: decimals, exponent: exponent)
        if let sign = type.sign {
            try sign.span.requirePresent(actualLength: actual)
            if try sign.isDebit(record) {
                value = -value
                negative = !negative
            }
        }
        return (value, negative)
    }

    private mutating func texts(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, debit: Bool) throws {
        func wanted(_ f: FixedWidthTextField) -> Bool {
            guard let only = f.only else { return true }
            return (only == .debit) == debit
        }
        if let f = type.bankRef, wanted(f) { try f.append(record, to: &row.bankRef, decoder: decoder) }
        if let f = type.endToEndId, wanted(f) { try f.append(record, to: &row.endToEndId, decoder: decoder) }
        if let f = type.counterparty, wanted(f) { try f.append(record, to: &row.counterparty, decoder: decoder) }
        if let f = type.description, wanted(f) { try f.append(record, to: &row.description, decoder: decoder) }
    }

    private func recordDecimals(_ type: FixedWidthRecordType, _ record: UnsafeBufferPointer<UInt8>, _ actual: Int) throws -> Int? {
        guard let d = type.decimals else { return nil }
        try d.requirePresent(actualLength: actual)
        let n = try number(d, record)
        if n > 18 { throw FixedWidthValueError(d.name, "\(n) decimals is more than 18") }
        return n
    }

    /// A field of digits (blank is 0).
    private func number(_ span: FixedWidthSpan, _ record: UnsafeBufferPointer<UInt8>) throws -> Int {
        let b = FixedWidthBytes.trimmed(span.bytes(record))
        var v = 0
        for c in b {
            let d = c &- 48
            if d > 9 || v > Int.max / 10 - 9 { throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) is not a number") }
            v = v * 10 + Int(d)
        }
        return v
    }

    private func currency(_ span: FixedWidthSpan, _ record: UnsafeBufferPointer<UInt8>, _ actual: Int) throws -> [UInt8] {
        try span.requirePresent(actualLength: actual)
        let b = FixedWidthBytes.trimmed(span.bytes(record))
        if !layout.currencyCodes.isEmpty, let iso = layout.currencyCodes[Array(b)] { return iso }
        if Currency.isWellFormedCode(b) { return Array(b) }
        let listed = layout.currencyCodes.isEmpty ? "" : ", nor one of fixed-width.currency_codes"
        throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) is not an ISO 4217 code\(listed)")
    }

    /// A record longer than the record length is refused, unless the excess is spaces.
    private func checkLength(_ raw: FixedWidthRawRecord, _ type: FixedWidthRecordType) throws {
        let n = raw.bytes.count
        if n > layout.recordLength && !FixedWidthBytes.isBlank(UnsafeBufferPointer(rebasing: raw.bytes[layout.recordLength...])) {
            throw FixedWidthValueError(nil, "record is \(n) bytes, longer than the record length \(layout.recordLength)")
        }
    }

    // MARK: rows and errors

    /// Appends the movement in progress, if any, to the table and its statement. A movement whose
    /// texts fail the check is rejected by the append, and still counts in its statement's totals
    /// (its amount was read).
    private mutating func flush(_ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog,
                                _ onRow: (BankRowBuilder) -> Void) throws {
        if holding {
            FixedWidthBytes.trim(&row.bankRef)
            FixedWidthBytes.trim(&row.endToEndId)
            FixedWidthBytes.trim(&row.counterparty)
            FixedWidthBytes.trim(&row.description)
            current?.add(row.amount, debit: holdingDebit)
            if try table.append(row, file: fileIndex, path: path, catalog: &catalog, rejects: &rejects) {
                onRow(row)
                rows += 1
            }
        }
        holding = false
        skipping = false
        clearRow()
    }

    /// Empties the row's texts, keeping their capacity; account and currency are assigned per row.
    private mutating func clearRow() {
        row.bankRef.removeAll(keepingCapacity: true)
        row.endToEndId.removeAll(keepingCapacity: true)
        row.counterparty.removeAll(keepingCapacity: true)
        row.description.removeAll(keepingCapacity: true)
        row.amount = 0
    }

    private func inputError(_ e: FixedWidthValueError, _ raw: FixedWidthRawRecord, type: FixedWidthRecordType? = nil) -> InputError {
        var reason = e.reason
        if let type { reason = type.name + ": " + reason }
        if raw.unbroken { reason = "record \(raw.number) at byte \(raw.offset) (the file has no line breaks): " + reason }
        return .badRecord(path: path, line: raw.number, field: e.field, reason: reason)
    }

    private func reject(_ e: FixedWidthValueError, _ raw: FixedWidthRawRecord, type: FixedWidthRecordType? = nil,
                        setAside: Bool = false, rejects: inout RejectLog) throws {
        var error = inputError(e, raw, type: type)
        if setAside, case .badRecord(let p, let l, let f, let r) = error {
            error = .badRecord(path: p, line: l, field: f, reason: r + " (the movement it completes is set aside with it)")
        }
        let text = decoder.lenient(raw.bytes)
        try text.withUnsafeBufferPointer { try rejects.reject(error, side: .bank, raw: $0) }
    }
}
