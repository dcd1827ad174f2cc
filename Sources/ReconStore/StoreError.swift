import ReconCore
/// Why the run store could not do what was asked. Each case names the store file.
package enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// Another live process holds the lock for an overlapping date range (exit code 3).
    case locked(path: String, holder: String)
    /// No break has this id.
    case unknownBreak(id: String)
    /// SQLite refused a write (a full disk, a read-only file, a damaged database).
    case cannotWrite(path: String, reason: String)
    /// A command that only reads found no store at the path (a mistyped path must not pass as an
    /// empty store).
    case missing(path: String)
    /// A command that only reads found a store written by an older Recon (the nightly job migrates it).
    case needsMigration(path: String)
    /// A row of the store holds what its table cannot (a store changed by hand or by another tool).
    case corrupt(path: String, table: String, reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open the run store: \(reason)"
        case .locked(let path, let holder): return "\(path): another run holds the lock for an overlapping date range (\(holder))"
        case .unknownBreak(let id): return "no break with id \(id) in the run store"
        case .cannotWrite(let path, let reason): return "\(path): the run store could not record: \(reason)"
        case .missing(let path): return "\(path): no run store there (check --store or the configuration's store)"
        case .needsMigration(let path): return "\(path): the run store was written by an older Recon; run the nightly job once (it migrates the store) and try again"
        case .corrupt(let path, let table, let reason): return "\(path): the run store's \(table) table is damaged: \(reason)"
        }
    }
}

extension StoreError: ReconError {
    /// 3 when another run holds the lock (cron may try again later), else 2.
    package var exitCode: Int32 {
        if case .locked = self { return 3 }
        return 2
    }
}
