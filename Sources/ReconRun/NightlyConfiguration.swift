import ReconStore
import ReconReport
import Foundation
import ReconCore
import ReconMatch
import ReconConfig

/// The nightly job's configuration file: where each side's files arrive, where the store and the
/// reports go, and (in the same file) the matching settings of ``MatchConfiguration``.
///
/// ```toml
/// store = "recon.db"                     # default: recon.db beside this file
/// output_directory = "out"               # reports go to out/<date>/run-<id>/
///
/// [bank]
/// directory = "incoming/bank"
/// pattern = "bank-{date}.csv"            # {date} is yyyy-mm-dd, {yyyymmdd} the compact form; * matches any text
/// format = "canonical-bank"              # optional: detected per file otherwise
///
/// [ledger]
/// directory = "incoming/ledger"
/// pattern = "ledger-{yyyymmdd}*.csv"
///
/// [bank_balances]                       # optional, for [custody]: closing balances per account and day
/// directory = "incoming/balances"
/// pattern = "bank-balances-{date}.csv"
///
/// [ledger_balances]                      # optional: the platform's customer balances
/// directory = "incoming/balances"
/// pattern = "ledger-balances-{date}.csv"
///
/// [report]                              # optional: exports beside breaks.csv and summary.json
/// exports = ["xlsx", "html"]             # xlsx, excel-csv, html, jsonl
/// unmasked = false                       # true writes account numbers and names in clear
/// mask_key = "mask.key"                  # default: mask.key beside the store, created on first use
///
/// alert_severity = "high"                # ...and every other key of the run configuration
/// ```
///
/// The same file may be written in YAML, named `*.yaml` or `*.yml`, with the same keys:
///
/// ```yaml
/// store: recon.db
/// output_directory: out
/// bank:
///   directory: incoming/bank
///   pattern: "bank-{date}.csv"           # quote values that start with { or contain ': '
/// ledger:
///   directory: incoming/ledger
///   pattern: "ledger-{yyyymmdd}*.csv"
/// alert_severity: high
/// ```
///
/// Relative paths are relative to the configuration file's directory.
package struct NightlyConfiguration: Sendable {
    /// One side's arrivals.
    package struct Source: Sendable, Equatable {
        package var directory: String
        package var pattern: String
        package var format: String?
        /// The configuration's key for this source (`bank`, `ledger`, ...), for errors.
        package var key = ""
    }

    package var path: String
    package var storePath: String
    package var outputDirectory: String
    package var bank: Source
    package var ledger: Source
    /// Balance files for the custody checks (`account,date,currency,balance`); optional, but once
    /// configured a date without one is a missing input, like a missing bank file.
    package var bankBalances: Source?
    package var ledgerBalances: Source?
    package var match: MatchConfiguration
    /// `[report]`: the exports each run writes and their masking key (beside the store by default).
    package var exports = ExportSettings()
    /// Days a reconciled bank line is remembered (`duplicate_lookback_days`): a line sent again within
    /// them is a `duplicate_bank` naming the original's date and run.
    package var duplicateLookbackDays = NightlyConfiguration.defaultDuplicateLookbackDays
    package static let defaultDuplicateLookbackDays = 10
    /// Hours after which a run lock is taken over even when its holder looks alive
    /// (`lock_max_age_hours`): a hung run, or a lock taken on another host that cannot be checked.
    package var lockMaxAgeHours = NightlyConfiguration.defaultLockMaxAgeHours
    package static let defaultLockMaxAgeHours = 24
    /// SHA-256 of the file's bytes: what the audit chain records as the run's configuration.
    package var hash: String

    /// The top-level keys this type reads; ``MatchConfiguration`` reads the others.
    package static let sourceKeys: Set<String> = ["store", "output_directory", "bank", "ledger", "bank_balances", "ledger_balances", "report",
                                                 "duplicate_lookback_days", "lock_max_age_hours"]

    /// Reads the file at `path`: YAML when its name ends in `.yaml` or `.yml`, TOML otherwise, with
    /// the same keys either way (see ``ConfigurationDocument``).
    ///
    /// - Throws: ``ConfigurationError`` naming `path`, and the key where one is at fault.
    package init(path: String) throws {
        self = try ConfigurationError.translating {
            let (data, root) = try ConfigurationDocument.load(path: path)
            return try NightlyConfiguration(root: root, hash: RunStore.sha256Hex(data))
        }
    }

    /// Reads the matching settings, then this type's own keys (``sourceKeys``), from `root`.
    private init(root: ConfigurationTable, hash: String) throws {
        path = root.path
        self.hash = hash
        match = try MatchConfiguration(table: root, ignoring: Self.sourceKeys)
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ p: String) -> String { p.hasPrefix("/") || base.isEmpty ? p : base + "/" + p }
        storePath = resolve(try root.string("store") ?? "recon.db")
        outputDirectory = resolve(try root.string("output_directory") ?? "out")
        duplicateLookbackDays = try root.int("duplicate_lookback_days", min: 0, max: 366, expected: "a number of days from 0 to 366")
            ?? Self.defaultDuplicateLookbackDays
        lockMaxAgeHours = try root.int("lock_max_age_hours", min: 1, max: 24 * 365, expected: "a number of hours from 1")
            ?? Self.defaultLockMaxAgeHours
        bank = try Self.source(root, "bank", resolve: resolve)
        ledger = try Self.source(root, "ledger", resolve: resolve)
        bankBalances = root.contains("bank_balances") ? try Self.source(root, "bank_balances", resolve: resolve) : nil
        ledgerBalances = root.contains("ledger_balances") ? try Self.source(root, "ledger_balances", resolve: resolve) : nil
        exports.maskKeyPath = RunStore.maskKeyPath(besideStore: storePath)
        if let t = try root.table("report") {
            try t.only(["exports", "unmasked", "mask_key"])
            let names = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            for name in try t.stringArray("exports", expected: "an array of \(names)") ?? [] {
                guard let f = ExportFormat(rawValue: name) else { throw t.invalid("exports", "an array of \(names)") }
                exports.formats.insert(f)
            }
            if let b = try t.bool("unmasked") { exports.unmasked = b }
            if let key = try t.string("mask_key") { exports.maskKeyPath = resolve(key) }
        }
    }

    /// The table `key` of `root`: a directory, a file name pattern with the date, and a format.
    private static func source(_ root: ConfigurationTable, _ key: String, resolve: (String) -> String) throws -> Source {
        guard let t = try? root.table(key) else {
            throw root.invalid(key, "a table with the directory and pattern of the \(key) files")
        }
        try t.only(["directory", "pattern", "format"])
        guard let dir = try t.string("directory"), let pattern = try t.string("pattern") else {
            throw root.invalid(key, "a table with both 'directory' and 'pattern'")
        }
        guard pattern.contains("{date}") || pattern.contains("{yyyymmdd}") else {
            throw t.invalid("pattern", "a file name with {date} or {yyyymmdd} (the business date is taken from the name)")
        }
        guard !pattern.contains("/") && !pattern.contains("..") else {
            throw t.invalid("pattern", "a file name inside the directory (no '/' or '..')")
        }
        return Source(directory: resolve(dir), pattern: pattern, format: try t.string("format"), key: key)
    }

    /// The files of `source` for business date `day`, sorted by name.
    ///
    /// - Throws: ``ConfigurationError/outsideDirectory(path:key:file:resolved:directory:)`` when a
    ///   matching name is a symbolic link to a file outside the directory: patterns cannot name a
    ///   path (no `/` or `..`), and links cannot lead out either.
    /// The `fnmatch` pattern of a source's file name: `*` is the one wildcard the configuration
    /// documents; `?`, `[`, `]` and `\\` stand for themselves.
    static func glob(_ name: String) -> String {
        var out = ""
        for c in name {
            if "?[]\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    package func files(_ source: Source, for day: Day) throws -> [String] {
        let iso = day.iso
        let compact = iso.replacingOccurrences(of: "-", with: "")
        let name = source.pattern.replacingOccurrences(of: "{date}", with: iso).replacingOccurrences(of: "{yyyymmdd}", with: compact)
        let glob = Self.glob(name)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: source.directory) else { return [] }
        let files = names.filter { fnmatch(glob, $0, 0) == 0 }.sorted().map { source.directory + "/" + $0 }
        for file in files {
            var st = stat()
            if stat(file, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
                throw NightlyError.notARegularFile(path: file, key: source.key + ".pattern")
            }
        }
        guard !files.isEmpty, let root = Self.realPath(source.directory) else { return files }
        for file in files {
            let resolved = Self.realPath(file) ?? file
            if !resolved.hasPrefix(root == "/" ? "/" : root + "/") {
                throw ConfigurationError.outsideDirectory(path: path, key: source.key + ".pattern", file: file,
                                                          resolved: resolved, directory: source.directory)
            }
        }
        return files
    }

    /// `path` with every symbolic link and `.`/`..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
