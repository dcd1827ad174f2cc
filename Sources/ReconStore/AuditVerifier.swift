import Foundation
import GRDB

/// Recomputes the store's audit chain: the records before schema v7 (`audit`: runs, inputs and
/// report files) and those after (`audit_chain`, ``AuditChain``), then looks for rows no record
/// vouches for and compares the chain with its head. Reads every value by its storage class, so a
/// tampered type is a finding, never a crash.
struct AuditVerifier {
    let db: Database
    let path: String
    private(set) var position: Int64 = 0
    private(set) var prev = AuditChain.zero
    private var runs: Set<Int64> = [], decisions: Set<Int64> = [], exports: Set<Int64> = []

    init(db: Database, path: String) { self.db = db; self.path = path }

    /// The chain's head when everything verifies, else the first finding.
    mutating func verify(expected heads: [(AuditHead, String)]) throws -> Result<AuditHead, AuditFinding> {
        do {
            try verifyEarlierChain()
            try verifyChain()
            try findOrphans()
            let head = AuditHead(count: Int(position), hash: prev)
            for (expected, source) in heads { try check(head, against: expected, source: source) }
            return .success(head)
        } catch let finding as AuditFinding {
            return .failure(finding)
        } catch let error as StoreError {
            return .failure(AuditFinding(seq: position == 0 ? nil : position, subject: "the store", reason: error.description))
        }
    }

    private mutating func verifyEarlierChain() throws {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY rowid") {
            position += 1
            let v = StoredValue(row: row, table: "audit", path: path)
            let runId = try v.int("run_id")
            func finding(_ reason: String) -> AuditFinding { AuditFinding(seq: position, subject: "run \(runId)", reason: reason) }
            guard try v.text("prev_hash") == prev else { throw finding("does not follow the previous record (a record was removed or altered)") }
            guard let runRow = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [runId]) else {
                throw finding("its run record is gone")
            }
            let run = try RunStore.record(runRow, path: path)
            let inputs = try Row.fetchAll(db, sql: "SELECT * FROM run_inputs WHERE run_id = ? ORDER BY rowid", arguments: [runId])
                .map { try RunStore.input($0, path: path) }
            let inputsHash = RunStore.sha256Hex(Data(inputs.map(\.auditLine).joined(separator: "\n").utf8))
            guard inputsHash == (try v.text("inputs_hash")) else { throw finding("the run's recorded inputs changed") }
            let outputs = RunStore.outputsHash(directory: run.outputDirectory, files: RunStore.auditedOutputs)
            guard outputs == (try v.text("outputs_hash")) else { throw finding("a report file in \(run.outputDirectory) was changed or lost") }
            let expected = RunStore.auditHash(prev: prev, run: run, inputsHash: inputsHash, outputsHash: outputs)
            guard expected == (try v.text("record_hash")), run.configHash == (try v.text("config_hash")) else {
                throw finding("the run record changed since it was written")
            }
            prev = expected
            runs.insert(runId)
        }
    }

    private mutating func verifyChain() throws {
        let earlier = position
        for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_chain ORDER BY rowid") {
            position += 1
            let v = StoredValue(row: row, table: "audit_chain", path: path)
            let kind = try v.text("kind"), subject = try v.int("subject")
            func finding(_ reason: String) -> AuditFinding { AuditFinding(seq: position, subject: "\(kind) \(subject)", reason: reason) }
            guard try v.int("seq") == position - earlier else { throw finding("is not where its number says (records were renumbered)") }
            guard try v.text("prev_hash") == prev else { throw finding("does not follow the previous record (a record was removed, inserted or moved)") }
            let recorded = try v.text("parts").split(separator: "\n").map(String.init)
            guard AuditChain.recordHash(prev: prev, kind: kind, subject: subject, parts: recorded) == (try v.text("record_hash")) else {
                throw finding("the audit record itself was altered")
            }
            let now = try parts(kind: kind, subject: subject, recorded: recorded, finding: finding)
            let differing = (0..<min(recorded.count, now.count)).first { recorded[$0] != now[$0] }
            if let k = differing ?? (recorded.count == now.count ? nil : min(recorded.count, now.count)) {
                throw finding(Self.reason(part: k < recorded.count ? recorded[k] : "", kind: kind))
            }
            prev = try v.text("record_hash")
            switch kind {
            case "run": runs.insert(subject)
            case "decision": decisions.insert(subject)
            default: exports.insert(subject)
            }
        }
    }

    /// The parts of a record's subject as stored now.
    private func parts(kind: String, subject: Int64, recorded: [String],
                       finding: (String) -> AuditFinding) throws -> [String] {
        switch kind {
        case "run":
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [subject]) else {
                throw finding("its run record is gone")
            }
            let v = StoredValue(row: row, table: "runs", path: path)
            let completed = (try? v.text("status")) == "completed"
            let outputs = completed ? RunStore.outputsHash(directory: (try? v.text("output_dir")) ?? "", files: RunStore.auditedOutputs) : ""
            return try AuditChain.runParts(db, id: subject, outputsHash: outputs)
        case "decision": return try AuditChain.rowParts(db, table: "decisions", id: subject)
        case "export": return try AuditChain.rowParts(db, table: "exports", id: subject)
        default: throw finding("is of no known kind")
        }
    }

    /// Why a part differs, in words.
    static func reason(part: String, kind: String) -> String {
        let name = part.split(separator: " ").first.map(String.init) ?? ""
        switch name {
        case "run": return "the run record changed since it was written"
        case "supersedes": return "which runs it superseded changed (runs.superseded_by)"
        case "outputs": return "a report file of the run was changed or lost"
        case "run_inputs": return "the run's recorded inputs changed"
        case "breaks": return "the run's stored breaks changed (deleted, inserted, reordered or altered)"
        case "open_items": return "the run's open items changed (they feed the next night's matching)"
        case "indicators": return "the run's indicators changed"
        case "bank_line_keys": return "the run's bank-line keys changed"
        case "decisions": return "the decision changed since it was recorded"
        case "exports": return "the export record changed since it was written"
        default: return "the \(kind) changed since it was recorded"
        }
    }

    /// Rows written since the chain covers everything (schema v7) that no record vouches for.
    private func findOrphans() throws {
        func boundary(_ name: String) throws -> Int64 {
            try Int64.fetchOne(db, sql: "SELECT value FROM audit_meta WHERE name = ?", arguments: [name]) ?? 0
        }
        func orphan(_ table: String, _ what: String) -> AuditFinding {
            AuditFinding(seq: nil, subject: "table \(table)", reason: "\(what) that no audit record vouches for (inserted, or its record was removed)")
        }
        let runIds = Set(try Row.fetchAll(db, sql: "SELECT id, status FROM runs WHERE rowid > ?", arguments: [try boundary("runs")])
            .filter { (try? StoredValue(row: $0, table: "runs", path: path).text("status")) != "running" }
            .map { try StoredValue(row: $0, table: "runs", path: path).int("id") })
        if let id = runIds.subtracting(runs).min() { throw orphan("runs", "run \(id) is stored") }
        // A run is superseded only by a run on the chain (whose record lists the runs it superseded).
        for r in try Row.fetchAll(db, sql: "SELECT id, superseded_by FROM runs WHERE superseded_by IS NOT NULL") {
            let value = (r["superseded_by"] as DatabaseValue?) ?? .null
            guard case .int64(let by) = value.storage, runs.contains(by) else {
                throw AuditFinding(seq: nil, subject: "run \(AuditChain.text((r["id"] as DatabaseValue?) ?? .null))",
                                   reason: "superseded_by holds \(AuditChain.text(value)), which is no run on the chain")
            }
        }
        for table in AuditChain.runTables {
            let rows = try Row.fetchAll(db, sql: "SELECT run_id FROM \(table) WHERE rowid > ?", arguments: [try boundary(table)])
            for r in rows {
                let value = (r["run_id"] as DatabaseValue?) ?? .null
                guard case .int64(let id) = value.storage, runs.contains(id) else {
                    throw orphan(table, "a row naming run \(AuditChain.text(value))")
                }
            }
        }
        for (table, known) in [("decisions", decisions), ("exports", exports)] {
            let ids = try Row.fetchAll(db, sql: "SELECT id FROM \(table) WHERE rowid > ?", arguments: [try boundary(table)])
            for r in ids {
                let value = (r["id"] as DatabaseValue?) ?? .null
                guard case .int64(let id) = value.storage, known.contains(id) else { throw orphan(table, "row \(AuditChain.text(value))") }
            }
        }
    }

    /// The chain must reach the head kept elsewhere, and hold it.
    private func check(_ head: AuditHead, against expected: AuditHead, source: String) throws {
        if head.count < expected.count {
            throw AuditFinding(seq: nil, subject: "the chain's head",
                               reason: "the chain has \(head.count) records but its head (\(source)) names \(expected.count): records were removed from its end")
        }
        let hash = try hash(at: expected.count)
        guard hash == expected.hash else {
            throw AuditFinding(seq: Int64(expected.count), subject: "the chain's head",
                               reason: "the record at \(expected.count) is not the head kept in \(source)")
        }
    }

    /// The record hash at a position of the whole chain (0: the zero hash).
    private func hash(at position: Int) throws -> String {
        if position == 0 { return AuditChain.zero }
        let old = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0
        let (table, offset) = position <= old ? ("audit", position - 1) : ("audit_chain", position - old - 1)
        let row = try Row.fetchOne(db, sql: "SELECT record_hash FROM \(table) ORDER BY rowid LIMIT 1 OFFSET ?", arguments: [offset])
        return row.flatMap { try? StoredValue(row: $0, table: table, path: path).text("record_hash") } ?? ""
    }
}

extension AuditFinding: Error {}
