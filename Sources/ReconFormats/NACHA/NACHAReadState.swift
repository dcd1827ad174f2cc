import ReconCore

/// The state of a NACHA read: the open batch, the entry waiting for its addenda, running totals.
struct NACHAReadState: ReadTally {
    let path: String
    let fileIndex: Int
    let firstRow: Int
    var statements: [StatementSummary] = []
    var notes: [Int: String] = [:]
    var rows = 0, rejected = 0, skipped = 0

    private var physicalRecords = 0, fillers = 0
    private var batches = 0, fileEntries = 0, fileHash: Int64 = 0, fileDebit: Int64 = 0, fileCredit: Int64 = 0
    private var fileControl: [ControlTotal]?
    private var inBatch = false
    private var company = "", effective = Day(rawValue: 0), batchNumber = ""
    /// The file header's creation date (positions 24-29), when readable.
    private var fileCreated: Day?
    private var batchEntries = 0, batchHash: Int64 = 0, batchDebit: Int64 = 0, batchCredit: Int64 = 0
    private var summary = StatementSummary(id: "", account: "", currency: "USD")
    private var pending: Entry?

    /// An entry and what its addenda say.
    struct Entry {
        var code: Int
        var routing: Int64
        var amount: Int64
        var individualId: String
        var name: String
        var trace: String
        var line: Int
        var info: [String] = []
        var returnReason: String?
        var originalTrace = ""
        var changeCode: String?
    }

    static let blockCount = "9 block count"

    init(path: String, fileIndex: Int, firstRow: Int) {
        self.path = path
        self.fileIndex = fileIndex
        self.firstRow = firstRow
    }

    private func text(_ r: [UInt8], _ from: Int, _ to: Int) -> String {
        // Bytes that are not UTF-8 stay visible to the text check (as U+FFFF).
        FieldText.string(decoding: r[(from - 1)..<to]).trimmingSpaces
    }

    private func number(_ r: [UInt8], _ from: Int, _ to: Int, _ field: String, line: Int) throws -> Int64 {
        let t = text(r, from, to)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(t) else {
            throw InputError.badRecord(path: path, line: line, field: field, reason: "'\(t)' is not a number (positions \(from)-\(to))")
        }
        return v
    }

    /// The batch's effective entry date (positions 70-75). `000000` (or blank), as notifications of
    /// change and some originators write it, takes the settlement date (positions 76-78, a day of
    /// the year, in the file's creation year), else the file's creation date; the assumption says
    /// which. Anything else that is not a date is refused.
    private func effectiveDate(_ r: [UInt8], line: Int) throws -> (Day, String?) {
        if let d = MTValue.date(r[69..<75]) { return (d, nil) }
        let written = text(r, 70, 75)
        guard written.allSatisfy({ $0 == "0" }) else {
            throw InputError.badRecord(path: path, line: line, field: "effective entry date", reason: "'\(written)' is not a date YYMMDD")
        }
        let shown = written.isEmpty ? "blank" : written
        let settlement = text(r, 76, 78)
        if let created = fileCreated, settlement.count == 3, let n = Int(settlement), n >= 1,
           n <= (Day.daysInMonth(year: created.civil.year, month: 2) == 29 ? 366 : 365), let jan1 = Day(year: created.civil.year, month: 1, day: 1) {
            let d = jan1.adding(days: n - 1)
            return (d, "batch \(batchNumber): effective entry date \(shown); the settlement date (day \(n)) \(d.iso) is used")
        }
        if let created = fileCreated {
            return (created, "batch \(batchNumber): effective entry date \(shown) and no settlement date; the file's creation date \(created.iso) is used")
        }
        throw InputError.badRecord(path: path, line: line, field: "effective entry date",
                                   reason: "'\(shown)', and neither a settlement date nor the file header's creation date to use instead")
    }

    mutating func take(_ r: [UInt8], line: Int, _ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        physicalRecords += 1
        if r.allSatisfy({ $0 == UInt8(ascii: "9") }) { fillers += 1; return }
        switch r[0] {
        case UInt8(ascii: "1"):
            fileCreated = MTValue.date(r[23..<29])
        case UInt8(ascii: "5"):
            try flush(&table, &catalog, &rejects)
            inBatch = true
            batches += 1
            company = text(r, 41, 50)
            batchNumber = text(r, 88, 94)
            let (d, assumption) = try effectiveDate(r, line: line)
            effective = d
            batchEntries = 0; batchHash = 0; batchDebit = 0; batchCredit = 0
            summary = StatementSummary(id: "\(company)/\(batchNumber)", account: company, currency: "USD", line: line)
            summary.closingDate = d
            if let assumption { summary.assumptions.append(assumption) }
        case UInt8(ascii: "6"):
            guard inBatch else { throw InputError.badRecord(path: path, line: line, field: "record type", reason: "an entry outside a batch") }
            try flush(&table, &catalog, &rejects)
            batchEntries += 1
            let routing = try number(r, 4, 11, "receiving DFI identification", line: line)
            batchHash += routing
            do {
                let code = Int(try number(r, 2, 3, "transaction code", line: line))
                let amount = try number(r, 30, 39, "amount", line: line)
                if [22, 32, 42, 52, 21, 31, 41, 51].contains(code) { batchCredit += amount } else { batchDebit += amount }
                pending = Entry(code: code, routing: routing, amount: amount, individualId: text(r, 40, 54), name: text(r, 55, 76),
                                trace: text(r, 80, 94), line: line)
            } catch let e as InputError {
                try r.withUnsafeBufferPointer { try rejects.reject(e, side: .bank, raw: $0) }
                rejected += 1
            }
        case UInt8(ascii: "7"):
            batchEntries += 1
            guard var e = pending else { return }
            switch text(r, 2, 3) {
            case "05": e.info.append(text(r, 4, 83))
            case "99":
                e.returnReason = text(r, 4, 6)
                e.originalTrace = text(r, 7, 21)
            case "98": e.changeCode = text(r, 4, 6)
            default: break
            }
            pending = e
        case UInt8(ascii: "8"):
            try flush(&table, &catalog, &rejects)
            guard inBatch else { throw InputError.badRecord(path: path, line: line, field: "record type", reason: "a batch control outside a batch") }
            summary.controls = [
                ControlTotal(name: "8 entry/addenda count", declared: try number(r, 5, 10, "entry/addenda count", line: line), computed: Int64(batchEntries)),
                ControlTotal(name: "8 entry hash", declared: try number(r, 11, 20, "entry hash", line: line), computed: batchHash % 10_000_000_000),
                ControlTotal(name: "8 total debit amount", declared: try number(r, 21, 32, "total debit", line: line), computed: batchDebit),
                ControlTotal(name: "8 total credit amount", declared: try number(r, 33, 44, "total credit", line: line), computed: batchCredit),
            ]
            statements.append(summary)
            fileEntries += batchEntries; fileHash += batchHash; fileDebit += batchDebit; fileCredit += batchCredit
            inBatch = false
        case UInt8(ascii: "9"):
            try flush(&table, &catalog, &rejects)
            fileControl = [
                ControlTotal(name: "9 batch count", declared: try number(r, 2, 7, "batch count", line: line), computed: Int64(batches)),
                // Counted at the end of the file, where the fillers are.
                ControlTotal(name: Self.blockCount, declared: try number(r, 8, 13, "block count", line: line), computed: 0),
                ControlTotal(name: "9 entry/addenda count", declared: try number(r, 14, 21, "entry/addenda count", line: line), computed: Int64(fileEntries)),
                ControlTotal(name: "9 entry hash", declared: try number(r, 22, 31, "entry hash", line: line), computed: fileHash % 10_000_000_000),
                ControlTotal(name: "9 total debit amount", declared: try number(r, 32, 43, "total debit", line: line), computed: fileDebit),
                ControlTotal(name: "9 total credit amount", declared: try number(r, 44, 55, "total credit", line: line), computed: fileCredit),
            ]
        default:
            throw InputError.badRecord(path: path, line: line, field: "record type", reason: "'\(Character(UnicodeScalar(r[0])))' is not a NACHA record type (1, 5, 6, 7, 8, 9)")
        }
    }

    /// Books the entry waiting for its addenda.
    private mutating func flush(_ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        guard let e = pending else { return }
        pending = nil
        let money: Int64
        switch e.code {
        case 22, 32, 42, 52: money = -e.amount                  // credit to the receiver: out
        case 27, 37, 47, 55: money = e.amount                   // debit to the receiver: in
        case 21, 31, 41, 51: money = e.changeCode == nil ? e.amount : 0    // return of a credit: back in
        case 26, 36, 46, 56: money = e.changeCode == nil ? -e.amount : 0   // return of a debit: out again
        default: money = 0                                      // prenotes, zero-dollar entries
        }
        if money == 0 { skipped += 1; return }
        var row = BankRowBuilder()
        row.line = e.line
        row.account = Array(company.utf8)
        row.currency = Array("USD".utf8)
        row.bookingDate = effective
        row.valueDate = effective
        row.amount = money
        row.bankRef = Array(e.trace.utf8)
        row.endToEndId = Array(e.individualId.utf8)
        row.counterparty = Array(e.name.utf8)
        var description = e.info.joined(separator: " ")
        var note: String?
        if let reason = e.returnReason {
            note = "ACH return \(NACHAReturnReason.text(reason)) of the entry with trace \(e.originalTrace)"
            description = description.isEmpty ? note! : note! + "; " + description
        }
        row.description = Array(description.utf8)
        // An entry whose texts fail the check is rejected by the append, and still counts in the
        // batch (its amount was read).
        summary.movementCount += 1
        summary.movementSum &+= money
        if try table.append(row, file: fileIndex, path: path, catalog: &catalog, rejects: &rejects) {
            if let note { notes[firstRow + rows] = note }
            rows += 1
        } else {
            rejected += 1
        }
    }

    mutating func finish(_ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        try flush(&table, &catalog, &rejects)
        if inBatch, summary.line > 0 {
            throw InputError.badRecord(path: path, line: summary.line, field: "8", reason: "batch \(batchNumber) has no batch control (8)")
        }
        if var controls = fileControl, !statements.isEmpty {
            // Blocks of ten records: the records read, the fillers after the file control included.
            if let i = controls.firstIndex(where: { $0.name == Self.blockCount }) { controls[i].computed = Int64((physicalRecords + 9) / 10) }
            statements[statements.count - 1].controls += controls
        }
    }
}
