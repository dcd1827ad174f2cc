import Foundation
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
    ///
    /// [tolerance]                      # the tolerance pass (runs when this table is present)
    /// amount_abs = "1.00"              # currency units
    /// amount_pct = "0.5"               # percent of the ledger amount; the larger tolerance wins
    /// window_days = 3
    /// direction = "bank_on_or_after_ledger"   # or "either" (default)
    /// business_days = true             # count the window in business days ([calendars])
    /// write_off_below = "0.05"
    /// [[tolerance.fees]]
    /// name = "withdrawal fee"
    /// types = ["withdrawal"]           # and/or counterparties = [...]; neither: every record
    /// fixed = "2.00"
    /// percent = "0.6"
    ///
    /// [groups]                         # the group pass (runs when this table is present)
    /// window_days = 2
    /// max_items = 3                    # most rows on the many side
    /// max_candidates = 8               # closest rows searched per row
    /// max_steps = 2000                 # search steps per row before giving up (reported)
    /// netting = true                   # many-to-many: both sides net to the same total
    ///
    /// [scoring]                        # the scored pass (runs when this table is present)
    /// auto_threshold = "0.9"           # match at or above
    /// suggest_threshold = "0.6"        # suggestions.csv between the two
    /// window_days = 5
    /// max_candidates = 16
    /// reference_patterns = ["INV[- ]?(\\d{4}[- ]?\\d{5})"]
    ///
    /// [fx]                             # the FX pass (runs with a rates file)
    /// rates = "rates.csv"              # date,from,to,rate; beside this file unless absolute
    /// residual_pct = "0.5"             # % of the converted amount; or residual_abs, the larger
    /// window_days = 3
    /// max_rate_age_days = 5
    ///
    /// [limits]                         # resource limits; a run that passes one stops with exit code 2
    /// max_memory = "8GiB"              # memory held while reading and matching (default: none)
    /// matching_bytes_per_row = 32      # estimate checked against it before matching starts
    /// gzip_max_ratio = 1000            # a gzip file may expand this many times its stored size,
    /// gzip_min_bytes = "1GiB"          # or to this, whatever its ratio,
    /// gzip_max_bytes = "64GiB"         # and never past this
    ///
    /// [calendars.CNY]                  # business days per currency: Monday-Friday less holidays
    /// holidays = ["2026-10-01", "2026-10-02"]
    /// working_days = ["2026-09-27"]    # weekend days worked instead
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
            case "custody":
                custody = try CustodyConfiguration(table: try reader.table(value, key), reader: reader)
            case "tolerance":
                tolerance = try ToleranceConfiguration(table: try reader.table(value, key), reader: reader)
            case "groups":
                groups = try GroupConfiguration(table: try reader.table(value, key), reader: reader)
            case "scoring":
                scoring = try ScoringConfiguration(table: try reader.table(value, key), reader: reader)
            case "fx":
                fx = try FXConfiguration(table: try reader.table(value, key), reader: reader, configPath: path)
            case "limits":
                let t = try reader.table(value, key)
                for k in t.keys {
                    let v = t[k]!
                    switch k {
                    case "max_memory": limits.memory = MemoryCeiling(bytes: try reader.size(v, "limits.\(k)"))
                    case "matching_bytes_per_row": limits.matchingBytesPerRow = try reader.int(v, "limits.\(k)", min: 0)
                    case "gzip_max_ratio": limits.gzipMaxRatio = try reader.int(v, "limits.\(k)", min: 1)
                    case "gzip_max_bytes": limits.gzipMaxBytes = try reader.size(v, "limits.\(k)")
                    case "gzip_min_bytes": limits.gzipFloorBytes = try reader.size(v, "limits.\(k)")
                    default: throw reader.unknown("limits.\(k)")
                    }
                }
            case "calendars":
                calendar = try BusinessCalendar(table: try reader.table(value, key), reader: reader)
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

extension CustodyConfiguration {
    /// Reads `[custody]`:
    ///
    /// ```toml
    /// [custody]
    /// deny_list = ["6222999900000001", "Shady Trading Ltd"]
    /// authorizing_types = ["fee", "repayment"]
    /// history_runs = 7
    /// sharp_move_deviations = 3
    ///
    /// [[custody.accounts]]
    /// match = "CUST-*"                   # account number, or pattern with * and ?
    /// class = "customer_funds"           # customer_funds, platform_own, fee, reserve, external
    /// custody_account = "6222000000000001"
    ///
    /// [[custody.thresholds]]             # see ThresholdRule
    /// kind = "unmatched_bank_debit"
    /// amount = ">= 500.00"
    ///
    /// [[custody.indicators]]
    /// indicator = "match_rate"
    /// alert_when = "< 0.95"
    /// ```
    fileprivate init(table t: TOMLTable, reader: TableReader) throws {
        self.init()
        func tables(_ k: String) throws -> [TOMLTable] {
            guard let a = t[k]!.array else { throw reader.invalid("custody.\(k)", "an array of tables") }
            return try a.enumerated().map { i, e in
                guard let table = e.table else { throw reader.invalid("custody.\(k)[\(i)]", "a table") }
                return table
            }
        }
        for k in t.keys {
            switch k {
            case "deny_list": denyList = Set(try reader.strings(t[k]!, "custody.\(k)"))
            case "authorizing_types": authorizingTypes = Set(try reader.strings(t[k]!, "custody.\(k)"))
            case "history_runs": historyRuns = try reader.int(t[k]!, "custody.\(k)", min: 0)
            case "sharp_move_deviations": sharpMoveDeviations = try reader.int(t[k]!, "custody.\(k)", min: 1)
            case "accounts":
                for (i, a) in try tables(k).enumerated() {
                    let at = "custody.accounts[\(i)]"
                    var pattern: String?, cls: AccountClass?, custody: String?
                    for key in a.keys {
                        switch key {
                        case "match": pattern = try reader.string(a[key]!, "\(at).match")
                        case "class":
                            guard let c = a[key]!.string.flatMap(AccountClass.init(rawValue:)) else {
                                throw reader.invalid("\(at).class", "one of " + AccountClass.allCases.map(\.rawValue).joined(separator: ", "))
                            }
                            cls = c
                        case "custody_account": custody = try reader.string(a[key]!, "\(at).custody_account")
                        default: throw reader.unknown("\(at).\(key)")
                        }
                    }
                    guard let pattern, !pattern.isEmpty else { throw reader.invalid("\(at).match", "an account number or pattern") }
                    guard let cls else { throw reader.invalid("\(at).class", "an account class") }
                    accounts.append(AccountRule(pattern: pattern, accountClass: cls, custodyAccount: custody))
                }
            case "thresholds":
                for (i, a) in try tables(k).enumerated() {
                    let at = "custody.thresholds[\(i)]"
                    var rule = ThresholdRule(kind: .unmatchedBankDebit)
                    var kind: BreakKind?
                    for key in a.keys {
                        switch key {
                        case "class":
                            guard let c = a[key]!.string.flatMap(AccountClass.init(rawValue:)) else {
                                throw reader.invalid("\(at).class", "an account class")
                            }
                            rule.accountClass = c
                        case "kind":
                            guard let k = a[key]!.string.flatMap(BreakKind.init(name:)) else { throw reader.invalid("\(at).kind", "a break kind") }
                            kind = k
                        case "amount": rule.amount = try reader.comparison(a[key]!, "\(at).amount")
                        case "item_amount": rule.itemAmount = try reader.comparison(a[key]!, "\(at).item_amount")
                        case "count": rule.count = try reader.comparison(a[key]!, "\(at).count")
                        case "age_days": rule.ageDays = try reader.comparison(a[key]!, "\(at).age_days")
                        case "severity": rule.severity = try reader.severity(a[key]!, "\(at).severity")
                        default: throw reader.unknown("\(at).\(key)")
                        }
                    }
                    guard let kind else { throw reader.invalid("\(at).kind", "a break kind") }
                    guard rule.amount != nil || rule.itemAmount != nil || rule.count != nil || rule.ageDays != nil else {
                        throw reader.invalid(at, "a table with amount, item_amount, count or age_days")
                    }
                    rule.kind = kind
                    thresholds.append(rule)
                }
            case "indicators":
                for (i, a) in try tables(k).enumerated() {
                    let at = "custody.indicators[\(i)]"
                    var indicator: Indicator?, when: Comparison?, severity = Severity.high, currency: String?
                    for key in a.keys {
                        switch key {
                        case "indicator":
                            guard let ind = a[key]!.string.flatMap(Indicator.init(rawValue:)) else {
                                throw reader.invalid("\(at).indicator", "one of " + Indicator.allCases.map(\.rawValue).joined(separator: ", "))
                            }
                            indicator = ind
                        case "alert_when": when = try reader.comparison(a[key]!, "\(at).alert_when")
                        case "severity": severity = try reader.severity(a[key]!, "\(at).severity")
                        case "currency":
                            guard let code = a[key]!.string, code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                                throw reader.invalid("\(at).currency", "a currency code such as \"CNY\"")
                            }
                            currency = code
                        default: throw reader.unknown("\(at).\(key)")
                        }
                    }
                    guard let indicator else { throw reader.invalid("\(at).indicator", "an indicator") }
                    if currency != nil && !indicator.isAmount {
                        throw reader.invalid("\(at).currency", "no currency: \(indicator.rawValue) is not an amount")
                    }
                    guard let when else { throw reader.invalid("\(at).alert_when", "a comparison such as \"< 0.95\"") }
                    indicatorLimits.append(IndicatorLimit(indicator: indicator, alertWhen: when, severity: severity, currency: currency))
                }
            default:
                throw reader.unknown("custody.\(k)")
            }
        }
    }
}

/// Typed access to TOML values with errors that name the key.
extension ToleranceConfiguration {
    fileprivate init(table t: TOMLTable, reader: TableReader) throws {
        self.init()
        for k in t.keys {
            let v = t[k]!, key = "tolerance.\(k)"
            switch k {
            case "amount_abs": amountAbsolute = try reader.decimal(v, key)
            case "amount_pct": amountPercentPPM = try reader.decimal(v, key).tenThousandths
            case "window_days": windowDays = try reader.int(v, key, min: 0)
            case "business_days": businessDays = try reader.bool(v, key)
            case "write_off_below": writeOffBelow = try reader.decimal(v, key)
            case "direction":
                guard let d = Direction(rawValue: try reader.string(v, key)) else {
                    throw reader.invalid(key, "\"either\" or \"bank_on_or_after_ledger\"")
                }
                direction = d
            case "fees":
                guard let a = v.array else { throw reader.invalid(key, "an array of tables") }
                for (i, e) in a.enumerated() {
                    guard let f = e.table else { throw reader.invalid(key, "an array of tables") }
                    var schedule = FeeSchedule(name: "fee \(i + 1)")
                    for fk in f.keys {
                        let fv = f[fk]!, fkey = "\(key)[\(i)].\(fk)"
                        switch fk {
                        case "name": schedule.name = try reader.string(fv, fkey)
                        case "types": schedule.types = try reader.strings(fv, fkey)
                        case "counterparties": schedule.counterparties = try reader.strings(fv, fkey)
                        case "fixed": schedule.fixed = try reader.decimal(fv, fkey)
                        case "percent": schedule.percentPPM = try reader.decimal(fv, fkey).tenThousandths
                        default: throw reader.unknown(fkey)
                        }
                    }
                    fees.append(schedule)
                }
            default: throw reader.unknown(key)
            }
        }
    }
}

extension GroupConfiguration {
    fileprivate init(table t: TOMLTable, reader: TableReader) throws {
        self.init()
        for k in t.keys {
            let v = t[k]!, key = "groups.\(k)"
            switch k {
            case "window_days": windowDays = try reader.int(v, key, min: 0)
            case "max_items": maxItems = try reader.int(v, key, min: 2)
            case "max_candidates": maxCandidates = try reader.int(v, key, min: 2)
            case "max_steps": maxSteps = try reader.int(v, key, min: 1)
            case "netting": netting = try reader.bool(v, key)
            default: throw reader.unknown(key)
            }
        }
    }
}

extension ScoringConfiguration {
    fileprivate init(table t: TOMLTable, reader: TableReader) throws {
        self.init()
        func threshold(_ v: TOMLValueConvertible, _ key: String) throws -> Int {
            let d = try reader.decimal(v, key)
            guard d.tenThousandths <= 10_000 else { throw reader.invalid(key, "a score from \"0\" to \"1\"") }
            return Int(d.tenThousandths / 10)
        }
        for k in t.keys {
            let v = t[k]!, key = "scoring.\(k)"
            switch k {
            case "auto_threshold": autoThreshold = try threshold(v, key)
            case "suggest_threshold": suggestThreshold = try threshold(v, key)
            case "window_days": windowDays = try reader.int(v, key, min: 0)
            case "max_candidates": maxCandidates = try reader.int(v, key, min: 1)
            case "reference_patterns":
                referencePatterns = try reader.strings(v, key)
                for p in referencePatterns where (try? NSRegularExpression(pattern: p)) == nil {
                    throw reader.invalid(key, "regular expressions ('\(p)' is not one)")
                }
            default: throw reader.unknown(key)
            }
        }
        if suggestThreshold > autoThreshold { throw reader.invalid("scoring.suggest_threshold", "at most auto_threshold") }
    }
}

extension FXConfiguration {
    fileprivate init(table t: TOMLTable, reader: TableReader, configPath: String) throws {
        self.init()
        for k in t.keys {
            let v = t[k]!, key = "fx.\(k)"
            switch k {
            case "rates":
                let p = try reader.string(v, key)
                let base = (configPath as NSString).deletingLastPathComponent
                ratesPath = p.hasPrefix("/") || base.isEmpty ? p : base + "/" + p
            case "residual_pct": residualPPM = try reader.decimal(v, key).tenThousandths
            case "residual_abs": residualAbsolute = try reader.decimal(v, key)
            case "window_days": windowDays = try reader.int(v, key, min: 0)
            case "max_rate_age_days": maxRateAgeDays = try reader.int(v, key, min: 0)
            default: throw reader.unknown(key)
            }
        }
    }
}

extension BusinessCalendar {
    fileprivate init(table t: TOMLTable, reader: TableReader) throws {
        self.init()
        for code in t.keys {
            let key = "calendars.\(code)"
            guard Currency.isWellFormedCode(Array(code.utf8)) else { throw reader.invalid(key, "a table named by an ISO 4217 code (CNY)") }
            let c = try reader.table(t[code]!, key)
            var days = Days()
            for k in c.keys {
                let dates = try reader.strings(c[k]!, "\(key).\(k)").map { text -> Int32 in
                    guard let d = Day(iso: text) else { throw reader.invalid("\(key).\(k)", "dates yyyy-mm-dd ('\(text)' is not one)") }
                    return d.rawValue
                }
                switch k {
                case "holidays": days.holidays = Set(dates)
                case "working_days": days.workingDays = Set(dates)
                default: throw reader.unknown("\(key).\(k)")
                }
            }
            currencies[code] = days
        }
    }
}

fileprivate struct TableReader {
    let path: String

    func int(_ v: TOMLValueConvertible, _ key: String, min: Int) throws -> Int {
        guard let i = v.int, i >= min else {
            throw ConfigurationError.invalidValue(path: path, key: key, expected: "an integer ≥ \(min)")
        }
        return i
    }

    /// A size: bytes as an integer, or a string such as `"4GiB"` (see ``ByteSize``).
    func size(_ v: TOMLValueConvertible, _ key: String) throws -> Int {
        if let i = v.int, i > 0 { return i }
        guard let s = v.string, let bytes = ByteSize.parse(s) else {
            throw invalid(key, "a size such as \"4GiB\", \"512MiB\" or a number of bytes")
        }
        return bytes
    }

    func string(_ v: TOMLValueConvertible, _ key: String) throws -> String {
        guard let s = v.string else { throw invalid(key, "a string") }
        return s
    }

    func strings(_ v: TOMLValueConvertible, _ key: String) throws -> [String] {
        guard let a = v.array else { throw invalid(key, "an array of strings") }
        return try a.map { e in
            guard let s = e.string else { throw invalid(key, "an array of strings") }
            return s
        }
    }

    /// A threshold with its comparison written out, e.g. `">= 500.00"`.
    func comparison(_ v: TOMLValueConvertible, _ key: String) throws -> Comparison {
        guard let s = v.string, let c = Comparison(s) else {
            throw invalid(key, "a comparison written as a string, such as \">= 500.00\" (>=, >, <=, <, ==)")
        }
        return c
    }

    /// A decimal written as a string (`"0.50"`), exact to four decimals, not negative.
    func decimal(_ v: TOMLValueConvertible, _ key: String) throws -> DecimalAmount {
        guard let s = v.string, let d = DecimalAmount(s), d.tenThousandths >= 0 else {
            throw invalid(key, "a decimal in quotes, 0 or more, with at most four decimals (\"0.50\")")
        }
        return d
    }

    func invalid(_ key: String, _ expected: String) -> ConfigurationError {
        ConfigurationError.invalidValue(path: path, key: key, expected: expected)
    }

    func unknown(_ key: String) -> ConfigurationError { ConfigurationError.unknownKey(path: path, key: key) }

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
