import ReconCore
import TOMLKit

extension MatchConfiguration {
    /// Reads a run configuration from TOML text. Every key is checked: an unknown key or a value of
    /// the wrong type is an error naming it, so a typo never silently falls back to a default.
    ///
    /// ```toml
    /// alert_severity = "high"          # exit code 1 when a break is at or above this
    /// settlement_window_days = 2
    /// threads = 2                      # default: one per core
    ///
    /// [passes]
    /// duplicates = true
    /// reference = true
    /// batch = true
    /// amount_date = true
    /// statement_integrity = true       # opening + movements = closing, trailer totals
    ///
    /// [reference]
    /// amount_tolerance_minor = 0       # minor units (cents)
    ///
    /// [amount_date]
    /// window_days = 3
    ///
    /// [severity]                       # override a kind's severity
    /// ambiguous = "high"
    /// ```
    /// `ignoring` names top-level keys that belong to another reader of the same file (the nightly
    /// job's sources and store, read by `NightlyConfiguration`).
    public init(toml text: String, path: String, ignoring: Set<String> = []) throws {
        try self.init(table: ConfigurationDocument.tomlRoot(of: text, path: path), path: path, ignoring: ignoring)
    }

    /// Reads a run configuration file, TOML or YAML by its extension (see ``ConfigurationDocument``),
    /// with the keys of ``init(toml:path:ignoring:)``.
    ///
    /// - Throws: ``ConfigurationError`` naming `path`, and the key where one is at fault.
    public init(contentsOf path: String, ignoring: Set<String> = []) throws {
        try self.init(table: ConfigurationDocument.load(path: path).root, path: path, ignoring: ignoring)
    }

    /// Reads a run configuration from the root table of a parsed file (TOML, or YAML converted by
    /// ``ConfigurationDocument``), with the keys of ``init(toml:path:ignoring:)``. `path` names the
    /// file in errors.
    public init(table root: TOMLTable, path: String, ignoring: Set<String> = []) throws {
        self.init()
        let reader = TableReader(path: path)
        for key in root.keys where !ignoring.contains(key) {
            let value = root[key]!
            switch key {
            case "alert_severity": alertSeverity = try reader.severity(value, key)
            case "settlement_window_days": settlementWindowDays = try reader.int(value, key, min: 0)
            case "threads": threads = try reader.int(value, key, min: 1)
            case "partitions": partitions = try reader.int(value, key, min: 1)
            case "passes":
                let t = try reader.table(value, key)
                for k in t.keys {
                    let v = try reader.bool(t[k]!, "passes.\(k)")
                    switch k {
                    case "duplicates": duplicates = v
                    case "reference": reference = v
                    case "batch": batch = v
                    case "amount_date": amountDate = v
                    case "statement_integrity": statementIntegrity = v
                    default: throw ConfigurationError.unknownKey(path: path, key: "passes.\(k)")
                    }
                }
            case "reference":
                let t = try reader.table(value, key)
                for k in t.keys {
                    guard k == "amount_tolerance_minor" else {
                        throw ConfigurationError.unknownKey(path: path, key: "reference.\(k)")
                    }
                    referenceAmountTolerance = Int64(try reader.int(t[k]!, "reference.\(k)", min: 0))
                }
            case "amount_date":
                let t = try reader.table(value, key)
                for k in t.keys {
                    guard k == "window_days" else { throw ConfigurationError.unknownKey(path: path, key: "amount_date.\(k)") }
                    windowDays = try reader.int(t[k]!, "amount_date.\(k)", min: 0)
                }
            case "severity":
                let t = try reader.table(value, key)
                for k in t.keys {
                    guard let kind = BreakKind(name: k) else { throw ConfigurationError.unknownKey(path: path, key: "severity.\(k)") }
                    severities[kind] = try reader.severity(t[k]!, "severity.\(k)")
                }
            default:
                throw ConfigurationError.unknownKey(path: path, key: key)
            }
        }
    }
}

/// Typed access to TOML values with errors that name the key.
private struct TableReader {
    let path: String

    func int(_ v: TOMLValueConvertible, _ key: String, min: Int) throws -> Int {
        guard let i = v.int, i >= min else {
            throw ConfigurationError.invalidValue(path: path, key: key, expected: "an integer ≥ \(min)")
        }
        return i
    }

    func bool(_ v: TOMLValueConvertible, _ key: String) throws -> Bool {
        guard let b = v.bool else { throw ConfigurationError.invalidValue(path: path, key: key, expected: "true or false") }
        return b
    }

    func table(_ v: TOMLValueConvertible, _ key: String) throws -> TOMLTable {
        guard let t = v.table else { throw ConfigurationError.invalidValue(path: path, key: key, expected: "a table") }
        return t
    }

    func severity(_ v: TOMLValueConvertible, _ key: String) throws -> Severity {
        guard let s = v.string, let sev = Severity(name: s) else {
            throw ConfigurationError.invalidValue(path: path, key: key, expected: "one of info, low, medium, high, critical")
        }
        return sev
    }
}
