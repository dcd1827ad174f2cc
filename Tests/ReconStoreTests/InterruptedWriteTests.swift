import Foundation
import GRDB
import ReconCore
@testable import ReconStore
import ReconTestSupport
import Testing

/// A process killed in the middle of writing leaves the store with a hot rollback journal. Every
/// command, read-only ones included, must find the store as it was before that write: a read-only
/// command that cannot roll the journal back would refuse the store ("attempt to write a readonly
/// database") until a writing run came by (found by twenty random kills, issue 21).
@Suite struct InterruptedWriteTests {
    /// A store with one completed run, and a copy of it taken while a second write was under way:
    /// the copy holds a hot journal and pages of the unfinished write.
    func storeLeftMidWrite(_ name: String) throws -> (dir: String, path: String) {
        let dir = try ReconProcess.temporaryDirectory(name)
        let path = dir + "/recon.db"
        let store = try RunStore(path: path)
        var run = BreakStoreTests.run(1, date: "2026-11-02")
        run.outputDirectory = dir + "/2026-11-02"  // no report files: each audited one is "missing"
        try store.recordCompletedRun(run, inputs: [],
                                     breaks: BreakStoreTests.lines.map { StoredBreak(id: "BRK-" + $0.bankRef, line: $0) },
                                     openItems: [], outputsHash: RunStore.outputsHash(directory: run.outputDirectory, files: RunStore.auditedOutputs))
        var config = Configuration()
        config.prepareDatabase { try $0.execute(sql: "PRAGMA cache_size = 1") }
        let writer = try DatabaseQueue(path: path, configuration: config)
        try writer.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            try db.execute(sql: "UPDATE breaks SET detail = zeroblob(20000)")
            try db.execute(sql: "UPDATE runs SET message = zeroblob(20000), break_count = 0")
            let copy = dir + "/copy"
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
            for suffix in ["", "-journal"] {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + "/recon.db" + suffix)
            }
        }
        try writer.close()
        #expect(FileManager.default.fileExists(atPath: dir + "/copy/recon.db-journal"), "the copy holds a journal")
        return (dir, dir + "/copy/recon.db")
    }

    @Test func aReadOnlyCommandFindsTheStoreAsItWasBeforeAnInterruptedWrite() throws {
        let (dir, path) = try storeLeftMidWrite("interrupted-read-only")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try RunStore(path: path, access: .readOnly)
        #expect(try store.breaks(ofRun: 1).map(\.line) == BreakStoreTests.lines)
        let verify = try ReconProcess.run(["audit", "verify", "--store", path])
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test(.enabled(if: getuid() != 0, "root writes whatever a file's mode says"))
    func aStoreThatCannotBeWrittenWithAnUnfinishedWriteIsNamedNotMisread() throws {
        let (dir, path) = try storeLeftMidWrite("interrupted-no-write")
        defer {
            chmod(dir + "/copy", 0o700)
            try? FileManager.default.removeItem(atPath: dir)
        }
        chmod(path, 0o400)
        chmod(dir + "/copy", 0o500)
        #expect(throws: StoreError.self) { try RunStore(path: path, access: .readOnly) }
        let verify = try ReconProcess.run(["audit", "verify", "--store", path])
        #expect(verify.status == 2)
        #expect(verify.stderr.contains(path) && verify.stderr.contains("unfinished write"), "\(verify.stderr)")
    }
}
