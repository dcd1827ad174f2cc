/// A bank line still open after a night (nobody booked it, or it was left ambiguous), carried as a
/// value into the next night's matching: the columns of the canonical bank layout, typed.
public struct CarriedBankLine: Sendable, Hashable {
    public var bankRef: String
    public var account: String
    public var bookingDate: Day
    public var valueDate: Day
    /// Signed minor units of ``currency``.
    public var amount: Int64
    public var currency: String
    public var endToEndId: String
    public var counterparty: String
    public var description: String

    public init(bankRef: String, account: String, bookingDate: Day, valueDate: Day, amount: Int64, currency: String,
                endToEndId: String = "", counterparty: String = "", description: String = "") {
        self.bankRef = bankRef; self.account = account; self.bookingDate = bookingDate; self.valueDate = valueDate
        self.amount = amount; self.currency = currency; self.endToEndId = endToEndId
        self.counterparty = counterparty; self.description = description
    }

    /// Row `i` of `table` (texts a run did not store are empty; the value date is the booking date then).
    public init(row i: Int, of table: BankTable, catalog: Catalog) {
        self.init(bankRef: table.bankRef.string(i), account: catalog.accounts.string(table.account[i]),
                  bookingDate: Day(rawValue: table.bookingDate[i]), valueDate: table.valueDay(i), amount: table.amount[i],
                  currency: catalog.currencies.string(table.currency[i]), endToEndId: table.endToEndId.string(i),
                  counterparty: i < table.counterparty.count ? table.counterparty.string(i) : "",
                  description: table.descriptionString(i))
    }
}

extension BankTable {
    /// Appends a carried line as a row of file `file` at `line` (as the carried items' file shows it);
    /// accounts and currencies are interned in `catalog`.
    public mutating func append(_ line: CarriedBankLine, file: Int, line lineNumber: Int, catalog: inout Catalog) {
        account.append(catalog.accounts.intern(line.account))
        currency.append(catalog.currency(line.currency))
        bookingDate.append(line.bookingDate.rawValue)
        if stores.contains(.valueDate) { valueDate.append(line.valueDate.rawValue) }
        amount.append(line.amount)
        var e2e = line.endToEndId
        e2e.withUTF8 { endToEndHash.append($0.isEmpty ? 0 : ByteHash.hash($0)) }
        endToEndId.append(line.endToEndId)
        bankRef.append(line.bankRef)
        if stores.contains(.counterparty) { counterparty.append(line.counterparty) }
        if stores.contains(.description) { description.append(line.description) }
        if stores.contains(.provenance) {
            self.file.append(UInt16(truncatingIfNeeded: file))
            self.line.append(UInt32(truncatingIfNeeded: lineNumber))
        }
    }
}
