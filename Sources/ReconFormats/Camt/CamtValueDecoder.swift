import ReconCore

/// Decodes the text of camt elements (amounts, dates, codes) from bytes, throwing errors that name
/// the file, the line of the element and its path.
struct CamtValueDecoder {
    let path: String

    /// An amount of `currency` (an unsigned decimal: the sign is the `CdtDbtInd` beside it) in minor
    /// units. More significant decimals than the currency has (27.055 EUR) are an error; trailing
    /// zeros (18.150 EUR) are not.
    func amount(_ bytes: UnsafeBufferPointer<UInt8>, currency: [UInt8], line: Int, field: CamtField) throws -> Int64 {
        try self.currency(currency, line: line, field: field)
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            throw error(line, field, "'\(text(bytes))': camt amounts are unsigned (the sign is CdtDbtInd)")
        }
        switch MinorUnits.parse(bytes, exponent: Currency.exponent(ofCode: currency)) {
        case .success(let v): return v
        case .failure(let e):
            throw error(line, field, "'\(text(bytes))' \(String(decoding: currency, as: UTF8.self)): \(e)")
        }
    }

    /// Checks that a `Ccy` is an ISO 4217 code.
    func currency(_ code: [UInt8], line: Int, field: CamtField) throws {
        if code.isEmpty { throw error(line, field, "no Ccy attribute and no account currency (Acct/Ccy)") }
        if !Currency.isWellFormedCode(code) {
            throw error(line, field, "Ccy '\(text(code))' is not an ISO 4217 code (three capital letters)")
        }
    }

    /// The day of an ISO date (`2014-12-31`, possibly with a zone: `2014-12-31+01:00`) or date-time
    /// (`2014-12-31T13:15:00+01:00`): the date as written, with no time-zone shift.
    func day(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, field: CamtField) throws -> Day {
        if bytes.count >= 10, let d = Day.parseISO(UnsafeBufferPointer(rebasing: bytes[0..<10])) {
            if bytes.count == 10 { return d }
            switch bytes[10] {
            case UInt8(ascii: "T"), UInt8(ascii: "Z"), UInt8(ascii: "+"), UInt8(ascii: "-"): return d
            default: break
            }
        }
        throw error(line, field, bytes.isEmpty ? "empty date" : "'\(text(bytes))' is not an ISO date (yyyy-mm-dd)")
    }

    /// `CRDT` (true) or `DBIT` (false).
    func isCredit(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, field: CamtField) throws -> Bool {
        if bytes.elementsEqual("CRDT".utf8) { return true }
        if bytes.elementsEqual("DBIT".utf8) { return false }
        throw error(line, field, "'\(text(bytes))' is neither CRDT nor DBIT")
    }

    /// An XML Schema boolean.
    func boolean(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, field: CamtField) throws -> Bool {
        if bytes.elementsEqual("true".utf8) || bytes.elementsEqual("1".utf8) { return true }
        if bytes.elementsEqual("false".utf8) || bytes.elementsEqual("0".utf8) { return false }
        throw error(line, field, "'\(text(bytes))' is not a boolean (true or false)")
    }

    /// An entry status: `BOOK`, `PDNG`, `INFO` or `FUTR`.
    func status(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, field: CamtField) throws -> CamtEntryStatus {
        if let s = CamtEntryStatus(code: bytes) { return s }
        throw error(line, field, "unknown entry status '\(text(bytes))' (expected BOOK, PDNG, INFO or FUTR)")
    }

    func error(_ line: Int, _ field: CamtField, _ reason: String) -> InputError {
        InputError.badRecord(path: path, line: line, field: field.path, reason: reason)
    }

    private func text<C: Collection<UInt8>>(_ bytes: C) -> String {
        let s = String(decoding: bytes.prefix(64), as: UTF8.self)
        return bytes.count > 64 ? s + "…" : s
    }
}
