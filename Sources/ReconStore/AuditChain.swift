import Foundation
import GRDB

/// The store's tamper-evident chain (`audit_chain`, from schema v7 on): one record per thing stored
/// that a later run or report reads — a run (completed or failed) with everything stored for it, a
/// decision, an export — each hashing the previous record and the exact stored values of its
/// subject, as SQLite holds them (types included).
///
/// A run's content is its row (all but `superseded_by`), the runs it superseded, its inputs, break
/// lines, open items, indicators and bank-line keys in their stored order, and the SHA-256 of its
/// report files. So deleting, inserting, reordering or changing any of them, or a supersession, no
/// longer matches its record; a row that names no recorded subject is an orphan; and a chain shorter
/// than its head (``AuditHead``, kept beside the store and anywhere the operator copies it) was cut.
///
/// Values are read by their storage class and never converted, so a tampered type (text where a
/// number was) is a finding, not a crash.
enum AuditChain {
    static let zero = String(repeating: "0", count: 64)

    /// The tables holding what a run stored, by run id, in the order their rows are hashed.
    static let runTables = ["run_inputs", "breaks", "open_items", "indicators", "bank_line_keys"]

    /// A value as stored: its storage class and bytes, unambiguous (`i:5`, `t3:abc`, `b2:00ff`, `n`).
    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "n"
        case .int64(let i): return "i:\(i)"
        case .double(let d): return "r:\(d.bitPattern)"
        case .string(let s): return "t\(s.utf8.count):\(s)"
        case .blob(let b): return "b\(b.count):" + b.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// A row as stored, column by column.
    static func text(_ row: Row, skipping: Set<String> = []) -> String {
        row.filter { !skipping.contains($0.0) }.map { "\($0.0)=\(text($0.1))" }.joined(separator: ";")
    }

    static func sha(_ text: String) -> String { RunStore.sha256Hex(Data(text.utf8)) }

    /// The parts of run `id` as stored now, one line each (`name hash`), with `outputsHash` for its
    /// report files.
    static func runParts(_ db: Database, id: Int64, outputsHash: String) throws -> [String] {
        var parts: [String] = []
        let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id])
        parts.append("run " + sha(row.map { text($0, skipping: ["superseded_by"]) } ?? "gone"))
        let superseded = try Row.fetchAll(db, sql: "SELECT id FROM runs WHERE superseded_by = ? ORDER BY id", arguments: [id])
        parts.append("supersedes " + sha(superseded.map { text($0) }.joined(separator: ",")))
        for table in runTables {
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE run_id = ? ORDER BY rowid", arguments: [id])
            parts.append(table + " " + sha(rows.map { text($0) }.joined(separator: "\n")))
        }
        parts.append("outputs " + outputsHash)
        return parts
    }

    /// The parts of a decision or an export row (one line).
    static func rowParts(_ db: Database, table: String, id: Int64) throws -> [String] {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id])
        return [table + " " + sha(row.map { text($0) } ?? "gone")]
    }

    static func recordHash(prev: String, kind: String, subject: Int64, parts: [String]) -> String {
        sha([prev, kind, String(subject), sha(parts.joined(separator: "\n"))].joined(separator: "\n"))
    }

    /// The latest record's hash and the chain's length, the earlier chain (`audit`) included.
    static func head(_ db: Database) throws -> (count: Int, hash: String) {
        let old = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0
        let new = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_chain") ?? 0
        if let last = try String.fetchOne(db, sql: "SELECT record_hash FROM audit_chain ORDER BY seq DESC LIMIT 1") {
            return (old + new, last)
        }
        return (old, try String.fetchOne(db, sql: "SELECT record_hash FROM audit ORDER BY seq DESC LIMIT 1") ?? zero)
    }

    /// Appends a record of `kind` (`run`, `decision`, `export`) about `subject` with its `parts`, in
    /// the caller's transaction.
    @discardableResult
    static func append(_ db: Database, kind: String, subject: Int64, parts: [String]) throws -> (count: Int, hash: String) {
        let prev = try head(db)
        let hash = recordHash(prev: prev.hash, kind: kind, subject: subject, parts: parts)
        try db.execute(sql: "INSERT INTO audit_chain (kind, subject, prev_hash, parts, record_hash) VALUES (?, ?, ?, ?, ?)",
                       arguments: [kind, subject, prev.hash, parts.joined(separator: "\n"), hash])
        return (prev.count + 1, hash)
    }
}
