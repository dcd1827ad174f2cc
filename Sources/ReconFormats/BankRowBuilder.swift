import ReconCore

/// One bank movement being assembled by a reader, in reusable byte buffers (no allocation per row
/// once the buffers have grown). Readers fill it, call ``BankTable/append(_:file:catalog:)``, then
/// ``reset()``.
package struct BankRowBuilder: Sendable {
    package var bankRef: [UInt8] = []
    package var account: [UInt8] = []
    /// ISO 4217 code, three capital letters.
    package var currency: [UInt8] = []
    package var endToEndId: [UInt8] = []
    package var counterparty: [UInt8] = []
    package var description: [UInt8] = []
    package var bookingDate = Day(rawValue: 0)
    package var valueDate = Day(rawValue: 0)
    /// Signed minor units of `currency`; positive is money into the account.
    package var amount: Int64 = 0
    /// Line (or record number) where the movement starts, for error messages and reports.
    package var line = 0

    package init() {}

    package mutating func reset() {
        bankRef.removeAll(keepingCapacity: true)
        account.removeAll(keepingCapacity: true)
        currency.removeAll(keepingCapacity: true)
        endToEndId.removeAll(keepingCapacity: true)
        counterparty.removeAll(keepingCapacity: true)
        description.removeAll(keepingCapacity: true)
        amount = 0
        line = 0
    }
}

extension BankRowBuilder {
    /// The first text field that ``FieldText`` refuses, by its canonical column name, with why; nil
    /// when all are acceptable (counterparty and description may span lines, the others may not).
    package func textFault() -> (field: String, fault: FieldTextFault)? {
        func fault(_ value: [UInt8], lineBreaks: Bool = false) -> FieldTextFault? {
            value.withUnsafeBufferPointer { FieldText.check($0, lineBreaks: lineBreaks) }
        }
        if let f = fault(bankRef) { return ("bank_ref", f) }
        if let f = fault(account) { return ("account", f) }
        if let f = fault(currency) { return ("currency", f) }
        if let f = fault(endToEndId) { return ("end_to_end_id", f) }
        if let f = fault(counterparty, lineBreaks: true) { return ("counterparty", f) }
        if let f = fault(description, lineBreaks: true) { return ("description", f) }
        return nil
    }
}

extension BankTable {
    /// Appends a movement assembled by a reader; accounts and currencies are interned in `catalog`.
    ///
    /// Its texts are checked first (``FieldText``): a row with a control character, a byte order
    /// mark or invalid UTF-8 in any text field is not appended but rejected, naming `path`, the
    /// row's line and the field, within `rejects`' limit (past it, or with no rejects allowed, the
    /// error is thrown). `raw` is the record for the rejects file; without one, the row as read,
    /// in the canonical bank layout. Returns whether the row was appended.
    @discardableResult
    package mutating func append(_ row: BankRowBuilder, file: Int, path: String, catalog: inout Catalog,
                                 rejects: inout RejectLog, raw: UnsafeBufferPointer<UInt8>? = nil) throws -> Bool {
        if let (field, fault) = row.textFault() {
            let error = InputError.badRecord(path: path, line: row.line, field: field, reason: fault.description)
            if let raw {
                try rejects.reject(error, side: .bank, raw: raw)
            } else {
                var line: [UInt8] = []
                CanonicalBankWriter.append(row, to: &line)
                try line.withUnsafeBufferPointer { try rejects.reject(error, side: .bank, raw: $0) }
            }
            return false
        }
        row.account.withUnsafeBufferPointer { account.append(catalog.accounts.intern($0)) }
        row.currency.withUnsafeBufferPointer { currency.append(catalog.currency($0)) }
        bookingDate.append(row.bookingDate.rawValue)
        if stores.contains(.valueDate) { valueDate.append(row.valueDate.rawValue) }
        amount.append(row.amount)
        row.endToEndId.withUnsafeBufferPointer { e in
            endToEndHash.append(e.isEmpty ? 0 : ByteHash.hash(e))
            endToEndId.append(e)
        }
        row.bankRef.withUnsafeBufferPointer { bankRef.append($0) }
        if stores.contains(.counterparty) { row.counterparty.withUnsafeBufferPointer { counterparty.append($0) } }
        if stores.contains(.description) { row.description.withUnsafeBufferPointer { description.append($0) } }
        if stores.contains(.provenance) {
            self.file.append(UInt16(truncatingIfNeeded: file))
            line.append(UInt32(truncatingIfNeeded: row.line))
        }
        return true
    }
}
