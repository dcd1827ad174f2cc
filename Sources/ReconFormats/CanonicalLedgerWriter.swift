import ReconCore

/// Writes ledger rows in the canonical ledger layout (the carried open items of the nightly job).
package enum CanonicalLedgerWriter {
    package static var header: String { CanonicalLayout.ledgerColumns.joined(separator: ",") + "\n" }

    /// Appends row `i` of `table` as one CSV line (an empty counterparty when the table stores none).
    package static func appendRow(_ i: Int, of table: LedgerTable, catalog: Catalog, to out: inout [UInt8]) {
        let comma: UInt8 = 44
        func text(_ c: TextColumn, _ r: Int) { CSVField.append(c.bytes[c.range(r)], to: &out) }
        text(table.txnId, i); out.append(comma)
        text(catalog.accounts.values, Int(table.account[i])); out.append(comma)
        Day(rawValue: table.valueDate[i]).appendISO(to: &out); out.append(comma)
        MinorUnits.append(table.amount[i], exponent: catalog.exponent(ofCurrency: table.currency[i]), to: &out); out.append(comma)
        text(catalog.currencies.values, Int(table.currency[i])); out.append(comma)
        text(catalog.types.values, Int(table.type[i])); out.append(comma)
        text(table.reference, i); out.append(comma)
        text(table.batchId, i); out.append(comma)
        if i < table.counterparty.count { text(table.counterparty, i) }
        out.append(10)
    }

    /// Appends a carried record as one CSV line.
    package static func append(_ record: CarriedLedgerRecord, to out: inout [UInt8]) {
        let comma: UInt8 = 44
        CSVField.append(record.txnId, to: &out); out.append(comma)
        CSVField.append(record.account, to: &out); out.append(comma)
        record.valueDate.appendISO(to: &out); out.append(comma)
        MinorUnits.append(record.amount, exponent: Currency.exponent(ofCode: Array(record.currency.utf8)), to: &out); out.append(comma)
        CSVField.append(record.currency, to: &out); out.append(comma)
        CSVField.append(record.type, to: &out); out.append(comma)
        CSVField.append(record.reference, to: &out); out.append(comma)
        CSVField.append(record.batchId, to: &out); out.append(comma)
        CSVField.append(record.counterparty, to: &out)
        out.append(10)
    }
}
