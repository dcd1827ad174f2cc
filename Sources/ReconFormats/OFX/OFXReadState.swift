import ReconCore

/// The state of an OFX read: the statement and the transaction being gathered.
struct OFXReadState: ReadTally {
    let path: String
    let fileIndex: Int
    var statements: [StatementSummary] = []
    var rows = 0, rejected = 0

    private var inStatement = false
    private var currency = "", account = "", statementLine = 0, end: Day?
    private var closing: Int64?, closingText = "", closingDate: Day?
    private var summary = StatementSummary(id: "", account: "", currency: "")
    private var transaction: [String: String] = [:]
    private var transactionLine = 0
    private var transactions: [([String: String], Int)] = []
    private var row = BankRowBuilder()

    init(path: String, fileIndex: Int) {
        self.path = path
        self.fileIndex = fileIndex
    }

    mutating func open(_ name: String, line: Int, _ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        switch name {
        case "STMTRS", "CCSTMTRS":
            inStatement = true
            currency = ""; account = ""; end = nil; closing = nil; closingText = ""; closingDate = nil
            statementLine = line
            transactions = []
        case "STMTTRN":
            transaction = [:]
            transactionLine = line
        default: break
        }
    }

    mutating func value(_ v: String, of name: String, parent: String, line: Int) {
        guard inStatement else { return }
        switch (parent, name) {
        case (_, "CURDEF"): currency = v
        case ("BANKACCTFROM", "ACCTID"), ("CCACCTFROM", "ACCTID"): account = v
        case ("BANKTRANLIST", "DTEND"): end = Self.date(v)
        case ("LEDGERBAL", "BALAMT"): closingText = v
        case ("LEDGERBAL", "DTASOF"): closingDate = Self.date(v)
        case ("PAYEE", "NAME"): transaction["NAME"] = v
        case ("CURRENCY", "CURSYM"): transaction["CURRENCY.CURSYM"] = v
        case ("STMTTRN", _): transaction[name] = v
        default: break
        }
    }

    mutating func close(_ name: String, line: Int, _ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        switch name {
        case "STMTTRN":
            transactions.append((transaction, transactionLine))
        case "STMTRS", "CCSTMTRS":
            inStatement = false
            try finishStatement(&table, &catalog, &rejects)
        default: break
        }
    }

    /// The rows of a statement, once its account and currency are known (they may follow the list).
    private mutating func finishStatement(_ table: inout BankTable, _ catalog: inout Catalog, _ rejects: inout RejectLog) throws {
        guard !account.isEmpty else { throw InputError.badRecord(path: path, line: statementLine, field: "ACCTID", reason: "a statement without an account") }
        // An empty CURDEF where every transaction names its currency (CURRENCY/CURSYM, in which its
        // TRNAMT is written): the statement's currency is theirs when they all agree.
        var assumption: String?
        if currency.isEmpty {
            let own = Set(transactions.compactMap { $0.0["CURRENCY.CURSYM"] })
            let allNamed = !transactions.isEmpty && transactions.allSatisfy { $0.0["CURRENCY.CURSYM"] != nil }
            guard allNamed, own.count == 1, let only = own.first, Currency.isWellFormedCode(Array(only.utf8)) else {
                throw InputError.badRecord(path: path, line: statementLine, field: "CURDEF",
                                           reason: "empty, and the transactions do not all name one currency (CURRENCY/CURSYM) to take instead")
            }
            currency = only
            assumption = "CURDEF empty: the currency its \(transactions.count) transaction(s) name, \(only), is the statement's"
        }
        guard Currency.isWellFormedCode(Array(currency.utf8)) else {
            throw InputError.badRecord(path: path, line: statementLine, field: "CURDEF", reason: "'\(currency)' is not an ISO 4217 code")
        }
        let exponent = Currency.exponent(ofCode: Array(currency.utf8))
        summary = StatementSummary(id: "\(account)/\(end?.iso ?? "\(statements.count + 1)")", account: account, currency: currency, line: statementLine)
        if let assumption { summary.assumptions.append(assumption) }
        if !closingText.isEmpty {
            guard let c = Self.amount(closingText, exponent) else {
                throw InputError.badRecord(path: path, line: statementLine, field: "LEDGERBAL/BALAMT", reason: "'\(closingText)' is not an amount")
            }
            summary.closingBalance = c
            summary.closingDate = closingDate
        }
        for (t, line) in transactions {
            do {
                let amountText = t["TRNAMT"] ?? ""
                guard let amount = Self.amount(amountText, exponent) else {
                    throw InputError.badRecord(path: path, line: line, field: "TRNAMT", reason: "'\(amountText)' is not an amount in \(currency)")
                }
                guard let posted = t["DTPOSTED"].flatMap(Self.date) else {
                    throw InputError.badRecord(path: path, line: line, field: "DTPOSTED", reason: "'\(t["DTPOSTED"] ?? "")' is not a date YYYYMMDD[hhmmss[.xxx]][[±h:TZ]]")
                }
                row.reset()
                row.line = line
                row.account = Array(account.utf8)
                row.currency = Array(currency.utf8)
                row.amount = amount
                row.bookingDate = posted
                row.valueDate = t["DTUSER"].flatMap(Self.date) ?? posted
                let fitid = t["FITID"] ?? ""
                row.bankRef = Array((fitid.isEmpty ? "\(account)-\(summary.movementCount + 1)" : fitid).utf8)
                row.endToEndId = Array((t["REFNUM"] ?? "").utf8)
                row.counterparty = Array((t["NAME"] ?? "").utf8)
                row.description = Array((t["MEMO"] ?? t["NAME"] ?? "").utf8)
                // A transaction whose texts fail the check is rejected by the append, and still
                // counts in the statement (its amount was read).
                summary.movementCount += 1
                summary.movementSum &+= amount
                if try table.append(row, file: fileIndex, path: path, catalog: &catalog, rejects: &rejects) {
                    rows += 1
                } else {
                    rejected += 1
                }
            } catch let e as InputError {
                let raw = Array(t.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";").utf8)
                try raw.withUnsafeBufferPointer { try rejects.reject(e, side: .bank, raw: $0) }
                rejected += 1
            }
        }
        statements.append(summary)
    }

    /// `YYYYMMDD...`: the date part as written, in the zone the value states.
    static func date(_ text: String) -> Day? {
        let b = Array(text.utf8.prefix(8))
        guard b.count == 8, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let d = b.map { Int($0) - 48 }
        return Day(year: d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3], month: d[4] * 10 + d[5], day: d[6] * 10 + d[7])
    }

    /// A signed decimal (`-34.51`, `+12`, `1,50`) in minor units.
    static func amount(_ text: String, _ exponent: Int) -> Int64? {
        var t = text.trimmingSpaces
        if t.hasPrefix("+") { t.removeFirst() }
        if !t.contains(".") && t.filter({ $0 == "," }).count == 1 { t = t.replacingOccurrences(of: ",", with: ".") }
        guard case .success(let v) = MinorUnits.parse(t, exponent: exponent) else { return nil }
        return v
    }
}
