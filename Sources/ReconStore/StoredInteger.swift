import GRDB

/// A whole number as the store holds it: an SQLite integer and nothing else. GRDB reads an `Int`
/// column leniently (SQLite turns the text `soon` into 0); a store changed by hand must be refused
/// instead, so the records read their counts and days through this.
struct StoredInteger: Codable, DatabaseValueConvertible, Equatable {
    var value: Int

    init(_ value: Int) { self.value = value }

    var databaseValue: DatabaseValue { value.databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredInteger? {
        guard case .int64(let v) = dbValue.storage, let i = Int(exactly: v) else { return nil }
        return StoredInteger(i)
    }

    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}
