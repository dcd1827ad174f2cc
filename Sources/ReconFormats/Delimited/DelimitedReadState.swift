import ReconCore

/// The per-file state of a ``DelimitedBankReader``: where in the file it is, the resolved columns,
/// and the statement being summed up.
struct DelimitedReadState {
    enum Phase { case preamble, data, trailer }

    let spec: DelimitedSpec
    let path: String
    let fileIndex: Int
    var phase = Phase.preamble
    var outsideLines: [String] = []
    var columns: [String: Int] = [:]
    var account: [UInt8]?
    var currency: [UInt8]?
    var row = BankRowBuilder()
    var scratch: [UInt8] = []
    var rows = 0
    var rejected = 0
    var skipped = 0
    var statement: StatementSummary
    var creditCount = 0, debitCount = 0
    var creditSum: Int64 = 0, debitSum: Int64 = 0
    var previousBalance: Int64?
    var previousAmount: Int64 = 0
    var runningControls: [ControlTotal] = []
    let referenceRegex: Regex<AnyRegexOutput>?
    let fileName: String

    init(spec: DelimitedSpec, path: String, fileIndex: Int) {
        self.spec = spec
        self.path = path
        self.fileIndex = fileIndex
        fileName = String(path.split(separator: "/").last ?? Substring(path))
        statement = StatementSummary(id: fileName, account: "", currency: "", line: 1)
        referenceRegex = spec.referencePattern.flatMap { try? Regex($0) }
    }

    /// Whether records must be checked for UTF-8 (the spec declares UTF-8; other encodings are converted).
    var validateUTF8 = false

    mutating func take(_ record: CSVRecord, table: inout BankTable, catalog: inout Catalog, rejects: inout RejectLog) throws {
        // A line that is not UTF-8 where the spec says the file is: a row is rejected (within
        // --max-rejects), a line of the preamble or trailer stops the read.
        var notUTF8: InputError?
        if validateUTF8, let bad = UTF8Validation.firstInvalidOffset(record.raw) {
            notUTF8 = InputError.badRecord(path: path, line: record.line, field: nil,
                                           reason: "not valid UTF-8 text at byte \(bad + 1) of the line; is the file in another encoding? (the spec says utf-8)")
        }
        switch phase {
        case .preamble:
            if let notUTF8 { throw notUTF8 }
            if record.line <= spec.skipLines || !isHeader(record) {
                outsideLines.append(String(decoding: record.raw, as: UTF8.self))
                return
            }
            try readHeader(record)
            phase = .data
        case .data:
            let first = trimmed(record[0])
            if spec.stopAt.contains(where: { first.starts(with: $0) }) {
                if let notUTF8 { throw notUTF8 }
                phase = .trailer
                outsideLines.append(String(decoding: record.raw, as: UTF8.self))
                return
            }
            if (0..<record.count).allSatisfy({ trimmed(record[$0]).isEmpty }) { return }
            do {
                if let notUTF8 { throw notUTF8 }
                try readRow(record, catalog: &catalog)
                // A row whose texts fail the check is rejected by the append, and counted in the
                // statement's totals all the same: its amount was read.
                if try table.append(row, file: fileIndex, path: path, catalog: &catalog, rejects: &rejects, raw: record.raw) {
                    rows += 1
                } else {
                    rejected += 1
                }
            } catch let e as InputError {
                try rejects.reject(e, side: .bank, raw: record.raw)
                rejected += 1
            } catch is SkippedRow {
                skipped += 1
            }
        case .trailer:
            if let notUTF8 { throw notUTF8 }
            outsideLines.append(String(decoding: record.raw, as: UTF8.self))
        }
    }

    private func isHeader(_ record: CSVRecord) -> Bool {
        guard let prefix = spec.headerStartsWith else { return true }
        return trimmed(record[0]).starts(with: prefix)
    }

    private mutating func readHeader(_ record: CSVRecord) throws {
        for i in 0..<record.count {
            let name = String(decoding: trimmed(record[i]), as: UTF8.self)
            if !name.isEmpty && columns[name] == nil { columns[name] = i }
        }
        var refs: [ColumnRef] = [spec.bookingDate]
        refs += [spec.bankRef, spec.valueDate, spec.amount, spec.direction, spec.debit, spec.credit, spec.endToEndId,
                 spec.balance, spec.skipColumn].compactMap { $0 }
        refs += spec.counterparty + spec.description + spec.referenceColumns
        if case .column(let c) = spec.account { refs.append(c) }
        if case .column(let c) = spec.currency { refs.append(c) }
        for ref in refs where index(ref, header: record.count) == nil {
            throw InputError.missingColumn(path: path, line: record.line, column: ref.description)
        }
        account = try resolve(spec.account, what: "account", line: record.line)
        currency = try resolve(spec.currency, what: "currency", line: record.line).map(mapCurrency)
        if let currency { try checkCurrency(currency, line: record.line) }
    }

    private func index(_ ref: ColumnRef, header count: Int) -> Int? {
        switch ref {
        case .name(let n): return columns[n]
        case .position(let p): return p <= count ? p - 1 : nil
        }
    }

    private func index(_ ref: ColumnRef) -> Int {
        switch ref {
        case .name(let n): return columns[n]!
        case .position(let p): return p - 1
        }
    }

    /// A value known before the data: fixed, or found by a pattern in the preamble; nil for a column.
    private func resolve(_ source: DelimitedSpec.ValueSource, what: String, line: Int) throws -> [UInt8]? {
        switch source {
        case .fixed(let v): return Array(v.utf8)
        case .column: return nil
        case .pattern(let p):
            if let v = firstCapture(p, in: outsideLines) { return Array(v.utf8) }
            throw InputError.badRecord(path: path, line: line, field: what,
                                       reason: "no line before the header matches the \(what) pattern \(p)")
        }
    }

    private func mapCurrency(_ raw: [UInt8]) -> [UInt8] {
        let s = String(decoding: raw, as: UTF8.self).trimmingSpaces
        return Array((spec.currencyMap[s] ?? s).utf8)
    }

    private func checkCurrency(_ c: [UInt8], line: Int) throws {
        if !Currency.isWellFormedCode(c) {
            throw InputError.badRecord(path: path, line: line, field: "currency",
                                       reason: "'\(String(decoding: c, as: UTF8.self))' is not an ISO 4217 code; map it in [delimited.currency.map]")
        }
    }

    /// A field: trimmed, and empty when it is one of the spec's "empty" values.
    private func value(_ record: CSVRecord, _ ref: ColumnRef) -> UnsafeBufferPointer<UInt8> {
        let i = index(ref)
        guard i < record.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let v = trimmed(record[i])
        if spec.emptyValues.contains(where: { v.elementsEqual($0) }) { return UnsafeBufferPointer(start: nil, count: 0) }
        return v
    }

    private func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard spec.trim, !b.isEmpty else { return b }
        var lo = 0, hi = b.count
        while lo < hi && (b[lo] == 32 || b[lo] == 9) { lo += 1 }
        while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 9) { hi -= 1 }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    private func fail(_ record: CSVRecord, _ ref: ColumnRef, _ reason: String) -> InputError {
        InputError.badRecord(path: path, line: record.line, field: ref.description, reason: reason)
    }

    private func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    private mutating func readRow(_ record: CSVRecord, catalog: inout Catalog) throws {
        row.reset()
        row.line = record.line
        let sign = try directionSign(record)
        try readAccountAndCurrency(record)
        let exponent = Currency.exponent(ofCode: row.currency)
        // Dates.
        let bookingField = value(record, spec.bookingDate)
        guard let booking = spec.dateFormat.parse(bookingField) else {
            throw fail(record, spec.bookingDate, "'\(text(bookingField))' is not a date \(spec.dateFormat.pattern)")
        }
        row.bookingDate = booking
        row.valueDate = booking
        if let v = spec.valueDate {
            let f = value(record, v)
            if !f.isEmpty {
                guard let d = spec.dateFormat.parse(f) else { throw fail(record, v, "'\(text(f))' is not a date \(spec.dateFormat.pattern)") }
                row.valueDate = d
            }
        }
        // Amount.
        if let a = spec.amount {
            row.amount = try amount(record, a, exponent: exponent)
            if spec.direction != nil { row.amount = sign * row.amount.magnitudeAsInt64 }
        } else if let dc = spec.debit, let cc = spec.credit {
            let d = value(record, dc), c = value(record, cc)
            let debit = d.isEmpty ? nil : try amount(record, dc, exponent: exponent)
            let credit = c.isEmpty ? nil : try amount(record, cc, exponent: exponent)
            switch (debit, credit) {
            case (let d?, nil): row.amount = -d.magnitudeAsInt64
            case (nil, let c?): row.amount = c.magnitudeAsInt64
            case (let d?, let c?) where d == 0 || c == 0: row.amount = c.magnitudeAsInt64 - d.magnitudeAsInt64
            case (nil, nil): throw fail(record, dc, "neither a debit nor a credit amount")
            default: throw fail(record, dc, "both a debit and a credit amount")
            }
        }
        // Texts.
        if let r = spec.bankRef { row.bankRef.append(contentsOf: value(record, r)) }
        if row.bankRef.isEmpty { row.bankRef = Array("\(fileName):\(record.line)".utf8) }
        if let e = spec.endToEndId { row.endToEndId.append(contentsOf: value(record, e)) }
        if row.endToEndId.isEmpty, let regex = referenceRegex {
            for c in spec.referenceColumns {
                if let m = try? regex.firstMatch(in: text(value(record, c))), m.output.count > 1,
                   let sub = m.output[1].substring {
                    row.endToEndId = Array(sub.utf8)
                    break
                }
            }
        }
        join(spec.counterparty, record, into: &row.counterparty)
        join(spec.description, record, into: &row.description)
        // Running balance.
        if let b = spec.balance {
            let f = value(record, b)
            if !f.isEmpty { checkRunningBalance(try amount(record, b, exponent: exponent), line: record.line) }
        }
        addToStatement()
    }

    /// The sign of the amount (-1 for a debit by the direction column, else 1); throws
    /// ``SkippedRow`` for a row the file says is not a movement of the account (it is counted).
    @inline(__always)
    private func directionSign(_ record: CSVRecord) throws -> Int64 {
        if let k = spec.skipColumn {
            let v = value(record, k)
            if spec.skipColumnValues.contains(where: { v.elementsEqual($0) }) { throw SkippedRow() }
        }
        var sign: Int64 = 1
        if let d = spec.direction {
            let v = value(record, d)
            if spec.skipValues.contains(where: { v.elementsEqual($0) }) { throw SkippedRow() }
            if spec.debitValues.contains(where: { v.elementsEqual($0) }) { sign = -1 }
            else if !spec.creditValues.contains(where: { v.elementsEqual($0) }) {
                throw fail(record, d, "'\(text(v))' is neither a debit nor a credit value of the spec")
            }
        }
        return sign
    }

    /// The row's account and currency: fixed for the file, or from their columns.
    @inline(__always)
    private mutating func readAccountAndCurrency(_ record: CSVRecord) throws {
        if let account { row.account = account } else if case .column(let c) = spec.account {
            row.account.append(contentsOf: value(record, c))
            if row.account.isEmpty { throw fail(record, c, "empty account") }
        }
        if let currency { row.currency = currency } else if case .column(let c) = spec.currency {
            row.currency = mapCurrency(Array(value(record, c)))
            if !Currency.isWellFormedCode(row.currency) {
                throw fail(record, c, "'\(text(value(record, c)))' is not an ISO 4217 code; map it in [delimited.currency.map]")
            }
        }
    }

    /// The row counted into the statement's totals (its account and currency set from the first row).
    @inline(__always)
    private mutating func addToStatement() {
        if statement.account.isEmpty {
            statement.account = String(decoding: row.account, as: UTF8.self)
            statement.currency = String(decoding: row.currency, as: UTF8.self)
        }
        statement.movementCount += 1
        statement.movementSum &+= row.amount
        if row.amount < 0 { debitCount += 1; debitSum &+= -row.amount } else { creditCount += 1; creditSum &+= row.amount }
    }

    private mutating func amount(_ record: CSVRecord, _ ref: ColumnRef, exponent: Int) throws -> Int64 {
        let f = value(record, ref)
        switch spec.amountFormat.parse(f, exponent: exponent, scratch: &scratch) {
        case .success(let v): return v
        case .failure(let e): throw fail(record, ref, "'\(text(f))': \(e)")
        }
    }

    private func join(_ refs: [ColumnRef], _ record: CSVRecord, into out: inout [UInt8]) {
        for r in refs {
            let v = value(record, r)
            if v.isEmpty { continue }
            if !out.isEmpty { out.append(32) }
            out.append(contentsOf: v)
        }
    }

    private mutating func checkRunningBalance(_ balance: Int64, line: Int) {
        if let previous = previousBalance {
            // Oldest first: this balance = previous + this amount. Newest first: previous = this + previous amount.
            let expected = spec.newestFirst ? previous &- previousAmount : previous &+ row.amount
            if expected != balance && runningControls.count < 1000 {
                runningControls.append(ControlTotal(name: "running balance at line \(line)", declared: balance, computed: expected))
            }
        }
        previousBalance = balance
        previousAmount = row.amount
    }

    /// The file's statement: stated balances and declared totals from the lines outside the data.
    mutating func finishStatement() throws -> StatementSummary {
        if phase == .preamble {
            let what = spec.headerStartsWith.map { "a header row starting with '\(String(decoding: $0, as: UTF8.self))'" } ?? "a header row"
            throw InputError.badRecord(path: path, line: outsideLines.count, field: nil,
                                       reason: "\(what) was not found; is this the right format and encoding?")
        }
        if statement.account.isEmpty {
            statement.account = account.map { String(decoding: $0, as: UTF8.self) } ?? ""
            statement.currency = currency.map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        let exponent = Currency.exponent(ofCode: Array(statement.currency.utf8))
        var scratch: [UInt8] = []
        func money(_ pattern: String?, _ what: String) throws -> Int64? {
            guard let pattern, let v = firstCapture(pattern, in: outsideLines) else { return nil }
            let r = Array(v.trimmingSpaces.utf8).withUnsafeBufferPointer { spec.amountFormat.parse($0, exponent: exponent, scratch: &scratch) }
            switch r {
            case .success(let m): return m
            case .failure(let e): throw InputError.badRecord(path: path, line: 0, field: what, reason: "'\(v)': \(e)")
            }
        }
        statement.openingBalance = try money(spec.openingPattern, "opening balance")
        statement.closingBalance = try money(spec.closingPattern, "closing balance")
        for c in spec.controls {
            guard let v = firstCapture(c.pattern, in: outsideLines) else {
                throw InputError.badRecord(path: path, line: 0, field: c.name, reason: "no line outside the data matches \(c.pattern)")
            }
            let declared: Int64
            let computed: Int64
            switch c.measure {
            case .count, .creditCount, .debitCount:
                guard let n = Int64(v.trimmingSpaces) else {
                    throw InputError.badRecord(path: path, line: 0, field: c.name, reason: "'\(v)' is not a count")
                }
                declared = n
                computed = Int64(c.measure == .count ? statement.movementCount : (c.measure == .creditCount ? creditCount : debitCount))
            case .sum, .creditSum, .debitSum:
                guard let m = try money(c.pattern, c.name) else { continue }
                declared = c.measure == .sum ? m : m.magnitudeAsInt64
                computed = c.measure == .sum ? statement.movementSum : (c.measure == .creditSum ? creditSum : debitSum)
            }
            statement.controls.append(ControlTotal(name: c.name, declared: declared, computed: computed))
        }
        statement.controls += runningControls
        return statement
    }

    private func firstCapture(_ pattern: String, in lines: [String]) -> String? {
        guard let regex = try? Regex(pattern) else { return nil }
        for line in lines {
            if let m = try? regex.firstMatch(in: line), m.output.count > 1, let s = m.output[1].substring { return String(s) }
        }
        return nil
    }
}

/// A row the spec says is not a movement of the account (e.g. Alipay's 不计收支).
struct SkippedRow: Error {}

extension Int64 {
    /// |self|; Int64.min (not a real amount) stays as is.
    var magnitudeAsInt64: Int64 { self == .min ? self : Swift.abs(self) }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
