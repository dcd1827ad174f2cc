import GRDB

/// An amount in minor units as the store holds it: an SQLite integer, or, beyond the 64 bits of one
/// (a custody balance can be wider), its decimal digits as text. Anything else is refused on reading.
struct StoredAmount: Codable, DatabaseValueConvertible, Equatable {
    var value: Int128

    init(_ value: Int128) { self.value = value }

    var databaseValue: DatabaseValue {
        if let small = Int64(exactly: value) { return small.databaseValue }
        return String(value).databaseValue
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredAmount? {
        switch dbValue.storage {
        case .int64(let v): return StoredAmount(Int128(v))
        case .string(let s): return Int128(s).map(StoredAmount.init)
        default: return nil
        }
    }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let v = Int128(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an amount"))
        }
        value = v
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(String(value))
    }
}
