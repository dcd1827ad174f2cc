import GRDB

/// Reads one column of a stored row by its storage class, never converting: a value of another type
/// (a store changed by hand) is an error naming the table and column instead of a crash in GRDB's
/// typed subscripts.
struct StoredValue {
    let row: Row
    let table: String
    let path: String

    func value(_ column: String) -> DatabaseValue { (row[column] as DatabaseValue?) ?? .null }

    func bad(_ column: String, _ expected: String) -> StoreError {
        .corrupt(path: path, table: table, reason: "\(column) holds \(AuditChain.text(value(column))) where \(expected) belongs")
    }

    func int(_ column: String) throws -> Int64 {
        guard case .int64(let v) = value(column).storage else { throw bad(column, "a whole number") }
        return v
    }

    func optionalInt(_ column: String) throws -> Int64? {
        if value(column).isNull { return nil }
        return try int(column)
    }

    func text(_ column: String) throws -> String {
        guard case .string(let s) = value(column).storage else { throw bad(column, "text") }
        return s
    }

    func optionalText(_ column: String) throws -> String? {
        if value(column).isNull { return nil }
        return try text(column)
    }
}
