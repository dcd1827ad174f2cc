import Foundation

/// The audit chain's head: its length and the latest record's hash, one line (`count hash`). Recon
/// writes it beside the store after every record (`<store>.audit-head`); an operator copies it off
/// the machine (or notes the line `recon audit verify` prints), so that a chain cut at its end can
/// be shown against it.
package struct AuditHead: Sendable, Equatable, CustomStringConvertible {
    package var count: Int
    package var hash: String

    package init(count: Int, hash: String) { self.count = count; self.hash = hash }

    package var description: String { "\(count) \(hash)" }

    /// The head file of the store at `storePath`.
    package static func path(besideStore storePath: String) -> String { storePath + ".audit-head" }

    /// Parses `count hash`.
    package init?(_ text: String) {
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let n = Int(parts[0]), n >= 0, parts[1].count == 64 else { return nil }
        count = n; hash = String(parts[1])
    }

    /// Reads a head file; nil when there is none.
    package static func read(path: String) throws -> AuditHead? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let head = AuditHead(text) else {
            throw StoreError.corrupt(path: path, table: "audit head", reason: "the file does not hold 'count hash'")
        }
        return head
    }

    /// Writes the head file (atomically, owner-only).
    package func write(path: String) throws {
        let tmp = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: Data((description + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.cannotOpen(path: path, reason: "cannot write the audit head")
        }
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            throw StoreError.cannotOpen(path: path, reason: "cannot write the audit head: \(String(cString: strerror(errno)))")
        }
    }
}
