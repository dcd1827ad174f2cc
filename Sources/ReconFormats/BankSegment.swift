import ReconCore

/// The rows one worker read from one piece of a canonical bank file, with the piece's own
/// dictionaries: the columns of a ``BankTable`` in ``RawColumn``s.
struct BankSegment: ParsedSegment {
    var account = RawColumn<Int32>()
    var currency = RawColumn<Int32>()
    var bookingDate = RawColumn<Int32>()
    var valueDate = RawColumn<Int32>()
    var amount = RawColumn<Int64>()
    var endToEndHash = RawColumn<UInt64>()
    var bankRef = RawTextColumn()
    var endToEndId = RawTextColumn()
    var counterparty = RawTextColumn()
    var description = RawTextColumn()
    var line = RawColumn<UInt32>()
    let stores: StoredColumns
    var catalog = Catalog()

    init(stores: StoredColumns) { self.stores = stores }

    var count: Int { amount.count }

    mutating func reset() {
        account.removeAll(); currency.removeAll(); bookingDate.removeAll(); valueDate.removeAll()
        amount.removeAll(); endToEndHash.removeAll(); line.removeAll()
        bankRef.removeAll(); endToEndId.removeAll(); counterparty.removeAll(); description.removeAll()
        catalog.removeAll()
    }

    /// Decodes a record of the canonical bank layout (columns in ``CanonicalLayout/bankColumns`` order).
    /// Every text field is checked (``FieldText``) before anything is appended.
    @inline(__always)
    static func parse(_ record: CSVRecord, _ ix: UnsafeBufferPointer<Int>, _ decoder: inout FieldDecoder,
                      _ s: inout BankSegment) throws {
        let ref = record[ix[0]], account = record[ix[1]], currencyCode = record[ix[5]]
        try decoder.required(ref, "bank_ref")
        try decoder.required(account, "account")
        let booking = try decoder.day(record[ix[2]], "booking_date")
        let valueField = record[ix[3]]
        let value = valueField.isEmpty ? booking : try decoder.day(valueField, "value_date")
        let (currencyId, exponent) = try decoder.currency(currencyCode, "currency", catalog: &s.catalog)
        let amount = try decoder.amount(record[ix[4]], exponent: exponent, "amount")
        let e2e = record[ix[6]], counterparty = record[ix[7]], description = record[ix[8]]
        // A record of printable ASCII (most of them) has no field to check.
        if !FieldText.isPrintableASCII(record.raw) {
            try decoder.checkText(ref, "bank_ref")
            try decoder.checkText(account, "account")
            try decoder.checkText(e2e, "end_to_end_id")
            try decoder.checkText(counterparty, "counterparty", lineBreaks: true)
            try decoder.checkText(description, "description", lineBreaks: true)
        }
        s.account.append(s.catalog.accounts.intern(account))
        s.currency.append(currencyId)
        s.bookingDate.append(booking.rawValue)
        if s.stores.contains(.valueDate) { s.valueDate.append(value.rawValue) }
        s.amount.append(amount)
        s.endToEndHash.append(e2e.isEmpty ? 0 : ByteHash.hash(e2e))
        s.bankRef.append(ref)
        s.endToEndId.append(e2e)
        if s.stores.contains(.counterparty) { s.counterparty.append(counterparty) }
        if s.stores.contains(.description) { s.description.append(description) }
        if s.stores.contains(.provenance) { s.line.append(UInt32(truncatingIfNeeded: record.line)) }
    }

    /// Appends the segment's rows to `target`, translating its dictionary ids to `catalog`'s.
    func merge(into target: inout BankTable, catalog: inout Catalog, file: Int, lanes: Int = 1) {
        let accounts = catalog.accounts.merge(self.catalog.accounts, lanes: lanes)
        let currencies = remapCurrencies(self.catalog, into: &catalog)
        target.account.append(contentsOf: account.elements.lazy.map { accounts[Int($0)] })
        target.currency.append(contentsOf: currency.elements.lazy.map { currencies[Int($0)] })
        target.bookingDate.append(contentsOf: bookingDate.elements)
        if target.stores.contains(.valueDate) { target.valueDate.append(contentsOf: valueDate.elements) }
        target.amount.append(contentsOf: amount.elements)
        target.endToEndHash.append(contentsOf: endToEndHash.elements)
        target.bankRef.append(contentsOf: bankRef)
        target.endToEndId.append(contentsOf: endToEndId)
        if target.stores.contains(.counterparty) { target.counterparty.append(contentsOf: counterparty) }
        if target.stores.contains(.description) { target.description.append(contentsOf: description) }
        if target.stores.contains(.provenance) {
            target.file.append(contentsOf: repeatElement(UInt16(truncatingIfNeeded: file), count: count))
            target.line.append(contentsOf: line.elements)
        }
    }
}
