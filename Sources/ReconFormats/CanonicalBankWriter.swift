import ReconCore

/// Writes bank rows in the canonical bank layout (what `recon convert --to canonical-csv` prints).
package enum CanonicalBankWriter {
    package static var header: String { CanonicalLayout.bankColumns.joined(separator: ",") + "\n" }

    /// Appends row `i` of `table` as one CSV line (the booking date as value date and an empty
    /// counterparty when the table stores neither).
    package static func appendRow(_ i: Int, of table: BankTable, catalog: Catalog, to out: inout [UInt8]) {
        let accounts = catalog.accounts.values, currencies = catalog.currencies.values
        CSVField.append(table.bankRef.bytes[table.bankRef.range(i)], to: &out); out.append(44)
        CSVField.append(accounts.bytes[accounts.range(Int(table.account[i]))], to: &out); out.append(44)
        Day(rawValue: table.bookingDate[i]).appendISO(to: &out); out.append(44)
        table.valueDay(i).appendISO(to: &out); out.append(44)
        MinorUnits.append(table.amount[i], exponent: catalog.exponent(ofCurrency: table.currency[i]), to: &out)
        out.append(44)
        out.append(contentsOf: currencies.bytes[currencies.range(Int(table.currency[i]))]); out.append(44)
        CSVField.append(table.endToEndId.bytes[table.endToEndId.range(i)], to: &out); out.append(44)
        if i < table.counterparty.count { CSVField.append(table.counterparty.bytes[table.counterparty.range(i)], to: &out) }
        out.append(44)
        if i < table.description.count { CSVField.append(table.description.bytes[table.description.range(i)], to: &out) }
        out.append(10)
    }

    /// Appends a carried line as one CSV line.
    package static func append(_ line: CarriedBankLine, to out: inout [UInt8]) {
        CSVField.append(line.bankRef, to: &out); out.append(44)
        CSVField.append(line.account, to: &out); out.append(44)
        line.bookingDate.appendISO(to: &out); out.append(44)
        line.valueDate.appendISO(to: &out); out.append(44)
        MinorUnits.append(line.amount, exponent: Currency.exponent(ofCode: Array(line.currency.utf8)), to: &out); out.append(44)
        CSVField.append(line.currency, to: &out); out.append(44)
        CSVField.append(line.endToEndId, to: &out); out.append(44)
        CSVField.append(line.counterparty, to: &out); out.append(44)
        CSVField.append(line.description, to: &out)
        out.append(10)
    }

    /// Appends a row a reader assembled as one CSV line (without its line break): the movement as
    /// read, for the rejects file.
    package static func append(_ row: BankRowBuilder, to out: inout [UInt8]) {
        CSVField.append(row.bankRef, to: &out); out.append(44)
        CSVField.append(row.account, to: &out); out.append(44)
        row.bookingDate.appendISO(to: &out); out.append(44)
        row.valueDate.appendISO(to: &out); out.append(44)
        MinorUnits.append(row.amount, exponent: Currency.exponent(ofCode: row.currency), to: &out); out.append(44)
        CSVField.append(row.currency, to: &out); out.append(44)
        CSVField.append(row.endToEndId, to: &out); out.append(44)
        CSVField.append(row.counterparty, to: &out); out.append(44)
        CSVField.append(row.description, to: &out)
    }
}
