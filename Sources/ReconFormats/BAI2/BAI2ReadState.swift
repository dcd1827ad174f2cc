import ReconCore

/// The state of a BAI2 read: the open group and account, their running control totals.
struct BAI2ReadState: ReadTally {
    let path: String
    let fileIndex: Int
    var statements: [StatementSummary] = []
    var rows = 0, rejected = 0, skipped = 0

    private var fileRecords = 0, fileTotal: Int64 = 0, groups = 0
    private var groupCurrency = "USD", asOf = Day(rawValue: 0), groupRecords = 0, groupTotal: Int64 = 0, groupAccounts = 0
    private var groupFirstStatement = 0
    private var account = "", currency = "", exponent = 2, accountRecords = 0, accountTotal: Int64 = 0, accountOpen = false
    private var summary = StatementSummary(id: "", account: "", currency: "")
    private var sawHeader = false
    private var row = BankRowBuilder()

    init(path: String, fileIndex: Int) {
        self.path = path
        self.fileIndex = fileIndex
    }

    private func error(_ r: BAI2Record, _ field: String, _ reason: String) -> InputError {
        InputError.badRecord(path: path, line: r.line, field: "\(r.code) \(field)", reason: reason)
    }

    private func field(_ r: BAI2Record, _ i: Int) -> String { i < r.fields.count ? r.fields[i].trimmingSpaces : "" }

    /// A signed amount with implied decimals; nil when empty.
    private func amount(_ r: BAI2Record, _ i: Int, _ name: String) throws -> Int64? {
        var text = field(r, i)
        if text.isEmpty { return nil }
        var negative = false
        if text.first == "+" || text.first == "-" { negative = text.first == "-"; text.removeFirst() }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(text) else {
            throw error(r, name, "'\(field(r, i))' is not an amount (digits with implied decimals)")
        }
        return negative ? -v : v
    }

    private func count(_ r: BAI2Record, _ i: Int, _ name: String) throws -> Int64 {
        guard let v = Int64(field(r, i)) else { throw error(r, name, "'\(field(r, i))' is not a number") }
        return v
    }

    /// How many fields follow a funds type (`V` date and time, `S` three amounts, `D` n pairs).
    private func fundsExtra(_ r: BAI2Record, at i: Int) throws -> Int {
        switch field(r, i) {
        case "V": return 2
        case "S": return 3
        case "D":
            let n = Int(field(r, i + 1)) ?? -1
            guard n >= 0 else { throw error(r, "funds type D", "'\(field(r, i + 1))' is not a count of distributions") }
            return 1 + 2 * n
        default: return 0
        }
    }

    mutating func take(_ r: BAI2Record, _ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        fileRecords += 1 + r.continuations
        groupRecords += 1 + r.continuations
        accountRecords += 1 + r.continuations
        switch r.code {
        case "01":
            sawHeader = true
            fileRecords = 1
        case "02":
            try openGroup(r)
        case "03":
            try openAccount(r)
        case "16":
            guard accountOpen else { throw error(r, "", "a transaction outside an account (no 03 before it)") }
            do {
                try transaction(r, &table, &catalog, &rejects)
            } catch let e as InputError {
                let raw = Array(r.fields.joined(separator: ",").utf8)
                try raw.withUnsafeBufferPointer { try rejects.reject(e, side: .bank, raw: $0) }
                rejected += 1
            }
        case "49":
            try closeAccount(r)
        case "98":
            try closeGroup(r)
        case "99":
            try closeFile(r)
        default:
            throw error(r, "record code", "'\(r.code)' is not a BAI2 record (01, 02, 03, 16, 88, 49, 98, 99)")
        }
    }

    /// A group header (02): its currency and as-of date; the group's totals start again.
    private mutating func openGroup(_ r: BAI2Record) throws {
        guard sawHeader else { throw error(r, "", "a group before the file header (01)") }
        groups += 1
        groupRecords = 1 + r.continuations
        groupTotal = 0
        groupAccounts = 0
        groupFirstStatement = statements.count
        let code = field(r, 5)
        groupCurrency = code.isEmpty ? "USD" : code
        guard Currency.isWellFormedCode(Array(groupCurrency.utf8)) else { throw error(r, "currency", "'\(code)' is not an ISO 4217 code") }
        guard let d = MTValue.date(Array(field(r, 3).utf8)[...]) else { throw error(r, "as-of date", "'\(field(r, 3))' is not a date YYMMDD") }
        asOf = d
    }

    /// An account identifier (03): a new statement, with the opening and closing balances among its summary amounts.
    private mutating func openAccount(_ r: BAI2Record) throws {
        guard groups > 0 else { throw error(r, "", "an account outside a group (no 02 before it)") }
        account = field(r, 0)
        guard !account.isEmpty else { throw error(r, "account", "the account number is empty") }
        currency = field(r, 1).isEmpty ? groupCurrency : field(r, 1)
        guard Currency.isWellFormedCode(Array(currency.utf8)) else { throw error(r, "currency", "'\(currency)' is not an ISO 4217 code") }
        exponent = Currency.exponent(ofCode: Array(currency.utf8))
        accountRecords = 1 + r.continuations
        accountTotal = 0
        accountOpen = true
        groupAccounts += 1
        summary = StatementSummary(id: "\(account)/\(asOf.iso)", account: account, currency: currency, line: r.line)
        summary.openingDate = asOf
        summary.closingDate = asOf
        var i = 2
        while i < r.fields.count {
            let type = field(r, i)
            if type.isEmpty && field(r, i + 1).isEmpty { i += 4; continue }
            let value = try amount(r, i + 1, "amount of type \(type)")
            if let value {
                accountTotal &+= value
                if type == "010" { summary.openingBalance = value }
                if type == "015" { summary.closingBalance = value }
            }
            i += 4 + (try fundsExtra(r, at: i + 3))
        }
    }

    /// An account trailer (49): the account's control totals; the statement is complete.
    private mutating func closeAccount(_ r: BAI2Record) throws {
        guard accountOpen else { throw error(r, "", "an account trailer without an account") }
        let declaredTotal = try amount(r, 0, "account control total") ?? 0
        let declaredRecords = try count(r, 1, "number of records")
        summary.controls = [ControlTotal(name: "49 account control total", declared: declaredTotal, computed: accountTotal),
                            ControlTotal(name: "49 number of records", declared: declaredRecords, computed: Int64(accountRecords))]
        statements.append(summary)
        groupTotal &+= accountTotal
        accountOpen = false
    }

    /// A group trailer (98): the group's control totals, on the group's last statement.
    private mutating func closeGroup(_ r: BAI2Record) throws {
        let declaredTotal = try amount(r, 0, "group control total") ?? 0
        let controls = [ControlTotal(name: "98 group control total", declared: declaredTotal, computed: groupTotal),
                        ControlTotal(name: "98 number of accounts", declared: try count(r, 1, "number of accounts"), computed: Int64(groupAccounts)),
                        ControlTotal(name: "98 number of records", declared: try count(r, 2, "number of records"), computed: Int64(groupRecords))]
        fileTotal &+= groupTotal
        if statements.count > groupFirstStatement { statements[statements.count - 1].controls += controls }
    }

    /// A file trailer (99): the file's control totals, on the last statement.
    private mutating func closeFile(_ r: BAI2Record) throws {
        let declaredTotal = try amount(r, 0, "file control total") ?? 0
        let controls = [ControlTotal(name: "99 file control total", declared: declaredTotal, computed: fileTotal),
                        ControlTotal(name: "99 number of groups", declared: try count(r, 1, "number of groups"), computed: Int64(groups)),
                        ControlTotal(name: "99 number of records", declared: try count(r, 2, "number of records"), computed: Int64(fileRecords))]
        if !statements.isEmpty { statements[statements.count - 1].controls += controls }
    }

    private mutating func transaction(_ r: BAI2Record, _ table: inout BankTable, _ catalog: inout Catalog,
                                      _ rejects: inout RejectLog) throws {
        let type = field(r, 0)
        guard let code = Int(type), type.count == 3 else { throw error(r, "type code", "'\(type)' is not a three-digit type code") }
        guard let value = try amount(r, 1, "amount") else { throw error(r, "amount", "the amount is empty") }
        accountTotal &+= value
        let credit: Bool
        switch code {
        case 100...399: credit = true
        case 400...699: credit = false
        case 890:
            skipped += 1
            return
        default: throw error(r, "type code", "\(type) is neither a credit (100-399) nor a debit (400-699)")
        }
        let extra = try fundsExtra(r, at: 2)
        var valueDate = asOf
        if field(r, 2) == "V", let d = MTValue.date(Array(field(r, 3).utf8)[...]) { valueDate = d }
        let refAt = 3 + extra
        row.reset()
        row.line = r.line
        row.account = Array(account.utf8)
        row.currency = Array(currency.utf8)
        row.bookingDate = asOf
        row.valueDate = valueDate
        row.amount = credit ? value.magnitude == 0 ? 0 : Int64(value.magnitude) : -Int64(value.magnitude)
        let bankRef = field(r, refAt)
        row.bankRef = Array((bankRef.isEmpty ? "\(account)-\(asOf.iso)-\(statements.count + 1).\(summary.movementCount + 1)" : bankRef).utf8)
        row.endToEndId = Array(field(r, refAt + 1).utf8)
        let text = (refAt + 2 < r.fields.count ? r.fields[(refAt + 2)...].joined(separator: ",") : "").trimmingSpaces
        row.description = Array(([text] + r.moreText).filter { !$0.isEmpty }.joined(separator: " ").utf8)
        // A row whose texts fail the check is rejected by the append, and still counts in the
        // statement (its amount was read).
        summary.movementCount += 1
        summary.movementSum &+= row.amount
        if try table.append(row, file: fileIndex, path: path, catalog: &catalog, rejects: &rejects) {
            rows += 1
        } else {
            rejected += 1
        }
    }

    mutating func finish() throws {
        if accountOpen {
            throw InputError.badRecord(path: path, line: summary.line, field: "49", reason: "account \(account) has no trailer (49)")
        }
    }
}
