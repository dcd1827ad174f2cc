import ReconCore

/// The rows one worker read from one piece of a canonical ledger file, with the piece's own
/// dictionaries: the columns of a ``LedgerTable`` in ``RawColumn``s.
struct LedgerSegment: ParsedSegment {
    var account = RawColumn<Int32>()
    var currency = RawColumn<Int32>()
    var valueDate = RawColumn<Int32>()
    var amount = RawColumn<Int64>()
    var type = RawColumn<Int32>()
    var referenceHash = RawColumn<UInt64>()
    var batchHash = RawColumn<UInt64>()
    var txnId = RawTextColumn()
    var reference = RawTextColumn()
    var batchId = RawTextColumn()
    var counterparty = RawTextColumn()
    var line = RawColumn<UInt32>()
    let stores: StoredColumns
    var catalog = Catalog()

    init(stores: StoredColumns) { self.stores = stores }

    var count: Int { amount.count }

    mutating func reset() {
        account.removeAll(); currency.removeAll(); valueDate.removeAll(); amount.removeAll()
        type.removeAll(); referenceHash.removeAll(); batchHash.removeAll(); line.removeAll()
        txnId.removeAll(); reference.removeAll(); batchId.removeAll(); counterparty.removeAll()
        catalog.removeAll()
    }

    /// Decodes a record of the canonical ledger layout (columns in ``CanonicalLayout/ledgerColumns`` order).
    /// Every text field is checked (``FieldText``) before anything is appended.
    @inline(__always)
    static func parse(_ record: CSVRecord, _ ix: UnsafeBufferPointer<Int>, _ decoder: inout FieldDecoder,
                      _ s: inout LedgerSegment) throws {
        let id = record[ix[0]], account = record[ix[1]], currencyCode = record[ix[4]]
        try decoder.required(id, "txn_id")
        try decoder.required(account, "account")
        let value = try decoder.day(record[ix[2]], "value_date")
        let (currencyId, exponent) = try decoder.currency(currencyCode, "currency", catalog: &s.catalog)
        let amount = try decoder.amount(record[ix[3]], exponent: exponent, "amount")
        let type = record[ix[5]], reference = record[ix[6]], batch = record[ix[7]], counterparty = record[ix[8]]
        // A record of printable ASCII (most of them) has no field to check.
        if !FieldText.isPrintableASCII(record.raw) {
            try decoder.checkText(id, "txn_id")
            try decoder.checkText(account, "account")
            try decoder.checkText(type, "type")
            try decoder.checkText(reference, "reference")
            try decoder.checkText(batch, "batch_id")
            try decoder.checkText(counterparty, "counterparty", lineBreaks: true)
        }
        s.account.append(s.catalog.accounts.intern(account))
        s.currency.append(currencyId)
        s.valueDate.append(value.rawValue)
        s.amount.append(amount)
        s.type.append(s.catalog.types.intern(type))
        s.referenceHash.append(reference.isEmpty ? 0 : ByteHash.hash(reference))
        s.batchHash.append(batch.isEmpty ? 0 : ByteHash.hash(batch))
        s.txnId.append(id)
        s.reference.append(reference)
        s.batchId.append(batch)
        if s.stores.contains(.counterparty) { s.counterparty.append(counterparty) }
        if s.stores.contains(.provenance) { s.line.append(UInt32(truncatingIfNeeded: record.line)) }
    }

    func merge(into target: inout LedgerTable, catalog: inout Catalog, file: Int, lanes: Int = 1) {
        let accounts = catalog.accounts.merge(self.catalog.accounts, lanes: lanes)
        let types = catalog.types.merge(self.catalog.types, lanes: lanes)
        let currencies = remapCurrencies(self.catalog, into: &catalog)
        target.account.append(contentsOf: account.elements.lazy.map { accounts[Int($0)] })
        target.currency.append(contentsOf: currency.elements.lazy.map { currencies[Int($0)] })
        target.valueDate.append(contentsOf: valueDate.elements)
        target.amount.append(contentsOf: amount.elements)
        target.type.append(contentsOf: type.elements.lazy.map { types[Int($0)] })
        target.referenceHash.append(contentsOf: referenceHash.elements)
        target.batchHash.append(contentsOf: batchHash.elements)
        target.txnId.append(contentsOf: txnId)
        target.reference.append(contentsOf: reference)
        target.batchId.append(contentsOf: batchId)
        if target.stores.contains(.counterparty) { target.counterparty.append(contentsOf: counterparty) }
        if target.stores.contains(.provenance) {
            target.file.append(contentsOf: repeatElement(UInt16(truncatingIfNeeded: file), count: count))
            target.line.append(contentsOf: line.elements)
        }
    }
}
