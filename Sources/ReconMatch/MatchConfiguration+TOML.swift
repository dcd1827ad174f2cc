import Foundation
import ReconCore
import ReconConfig

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
    ///
    /// - Throws: ``ConfigurationError`` naming `path`, and the dotted key where one is at fault.
    package init(toml text: String, path: String, ignoring: Set<String> = []) throws {
        self = try ConfigurationError.translating {
            try MatchConfiguration(reading: ConfigurationDocument.tomlRoot(of: text, path: path), ignoring: ignoring)
        }
    }

    /// Reads a run configuration file, TOML or YAML by its extension (see ``ConfigurationDocument``),
    /// with the keys of ``init(toml:path:ignoring:)``.
    ///
    /// - Throws: ``ConfigurationError`` naming `path`, and the key where one is at fault.
    package init(contentsOf path: String, ignoring: Set<String> = []) throws {
        self = try ConfigurationError.translating {
            try MatchConfiguration(reading: ConfigurationDocument.load(path: path).root, ignoring: ignoring)
        }
    }

    /// Reads a run configuration from the root table of a parsed file (TOML, or YAML converted by
    /// ``ConfigurationDocument``), with the keys of ``init(toml:path:ignoring:)``.
    ///
    /// - Throws: ``ConfigurationError`` naming the table's file, and the key where one is at fault.
    package init(table root: ConfigurationTable, ignoring: Set<String> = []) throws {
        self = try ConfigurationError.translating { try MatchConfiguration(reading: root, ignoring: ignoring) }
    }

    /// Reads every key of `root` but those in `ignoring`, in the table's order; the first key that is
    /// unknown or of the wrong type is the error.
    private init(reading root: ConfigurationTable, ignoring: Set<String>) throws {
        self.init()
        for (key, v) in root.entries where !ignoring.contains(key) {
            switch key {
            case "alert_severity": alertSeverity = try v.severity()
            case "settlement_window_days": settlementWindowDays = try v.int(min: 0)
            case "threads": threads = try v.int(min: 1)
            case "partitions": partitions = try v.int(min: 1)
            case "passes": try readPasses(v.table())
            case "reference":
                for (k, r) in try v.table().entries {
                    guard k == "amount_tolerance_minor" else { throw r.unknown() }
                    referenceAmountTolerance = Int64(try r.int(min: 0))
                }
            case "amount_date":
                for (k, w) in try v.table().entries {
                    guard k == "window_days" else { throw w.unknown() }
                    windowDays = try w.int(min: 0)
                }
            case "custody": custody = try CustodyConfiguration(table: v.table())
            case "tolerance": tolerance = try ToleranceConfiguration(table: v.table())
            case "groups": groups = try GroupConfiguration(table: v.table())
            case "scoring": scoring = try ScoringConfiguration(table: v.table())
            case "fx": fx = try FXConfiguration(table: v.table(), configPath: root.path)
            case "limits": try readLimits(v.table())
            case "calendars": calendar = try BusinessCalendar(table: v.table())
            case "severity":
                for (k, s) in try v.table().entries {
                    guard let kind = BreakKind(name: k) else { throw s.unknown() }
                    severities[kind] = try s.severity()
                }
            default:
                throw v.unknown()
            }
        }
    }

    /// `[passes]`: each value is checked to be a boolean before its name.
    private mutating func readPasses(_ t: ConfigurationTable) throws {
        for (k, p) in t.entries {
            let on = try p.bool()
            switch k {
            case "duplicates": duplicates = on
            case "reference": reference = on
            case "batch": batch = on
            case "amount_date": amountDate = on
            case "statement_integrity": statementIntegrity = on
            default: throw p.unknown()
            }
        }
    }

    /// `[limits]`.
    private mutating func readLimits(_ t: ConfigurationTable) throws {
        for (k, v) in t.entries {
            switch k {
            case "max_memory": limits.memory = MemoryCeiling(bytes: try v.size())
            case "matching_bytes_per_row": limits.matchingBytesPerRow = try v.int(min: 0)
            case "gzip_max_ratio": limits.gzipMaxRatio = try v.int(min: 1)
            case "gzip_max_bytes": limits.gzipMaxBytes = try v.size()
            case "gzip_min_bytes": limits.gzipFloorBytes = try v.size()
            default: throw v.unknown()
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
    fileprivate init(table t: ConfigurationTable) throws {
        self.init()
        for (k, v) in t.entries {
            switch k {
            case "deny_list": denyList = Set(try v.stringArray())
            case "authorizing_types": authorizingTypes = Set(try v.stringArray())
            case "history_runs": historyRuns = try v.int(min: 0)
            case "sharp_move_deviations": sharpMoveDeviations = try v.int(min: 1)
            case "accounts": accounts = try v.tables().map(Self.accountRule)
            case "thresholds": thresholds = try v.tables().map(Self.thresholdRule)
            case "indicators": indicatorLimits = try v.tables().map(Self.indicatorLimit)
            default: throw v.unknown()
            }
        }
    }

    /// One `[[custody.accounts]]` table.
    private static func accountRule(_ a: ConfigurationTable) throws -> AccountRule {
        var pattern: String?, cls: AccountClass?, custody: String?
        for (key, v) in a.entries {
            switch key {
            case "match": pattern = try v.string()
            case "class":
                cls = try v.parsed(expected: "one of " + AccountClass.allCases.map(\.rawValue).joined(separator: ", "),
                                   AccountClass.init(rawValue:))
            case "custody_account": custody = try v.string()
            default: throw v.unknown()
            }
        }
        guard let pattern, !pattern.isEmpty else { throw a.invalid("match", "an account number or pattern") }
        guard let cls else { throw a.invalid("class", "an account class") }
        return AccountRule(pattern: pattern, accountClass: cls, custodyAccount: custody)
    }

    /// One `[[custody.thresholds]]` table.
    private static func thresholdRule(_ a: ConfigurationTable) throws -> ThresholdRule {
        var rule = ThresholdRule(kind: .unmatchedBankDebit)
        var kind: BreakKind?
        for (key, v) in a.entries {
            switch key {
            case "class": rule.accountClass = try v.parsed(expected: "an account class", AccountClass.init(rawValue:))
            case "kind": kind = try v.parsed(expected: "a break kind", BreakKind.init(name:))
            case "amount": rule.amount = try v.comparison()
            case "item_amount": rule.itemAmount = try v.comparison()
            case "count": rule.count = try v.comparison()
            case "age_days": rule.ageDays = try v.comparison()
            case "severity": rule.severity = try v.severity()
            default: throw v.unknown()
            }
        }
        guard let kind else { throw a.invalid("kind", "a break kind") }
        guard rule.amount != nil || rule.itemAmount != nil || rule.count != nil || rule.ageDays != nil else {
            throw a.invalid(expected: "a table with amount, item_amount, count or age_days")
        }
        rule.kind = kind
        return rule
    }

    /// One `[[custody.indicators]]` table.
    private static func indicatorLimit(_ a: ConfigurationTable) throws -> IndicatorLimit {
        var indicator: Indicator?, when: Comparison?, severity = Severity.high, currency: String?
        for (key, v) in a.entries {
            switch key {
            case "indicator":
                indicator = try v.parsed(expected: "one of " + Indicator.allCases.map(\.rawValue).joined(separator: ", "),
                                         Indicator.init(rawValue:))
            case "alert_when": when = try v.comparison()
            case "severity": severity = try v.severity()
            case "currency":
                currency = try v.parsed(expected: "a currency code such as \"CNY\"") { code in
                    code.count == 3 && code.allSatisfy({ $0.isASCII && $0.isUppercase }) ? code : nil
                }
            default: throw v.unknown()
            }
        }
        guard let indicator else { throw a.invalid("indicator", "an indicator") }
        if currency != nil && !indicator.isAmount {
            throw a.invalid("currency", "no currency: \(indicator.rawValue) is not an amount")
        }
        guard let when else { throw a.invalid("alert_when", "a comparison such as \"< 0.95\"") }
        return IndicatorLimit(indicator: indicator, alertWhen: when, severity: severity, currency: currency)
    }
}

extension ToleranceConfiguration {
    /// Reads `[tolerance]` and its `[[tolerance.fees]]`.
    fileprivate init(table t: ConfigurationTable) throws {
        self.init()
        for (k, v) in t.entries {
            switch k {
            case "amount_abs": amountAbsolute = try v.decimal()
            case "amount_pct": amountPercentPPM = try v.decimal().tenThousandths
            case "window_days": windowDays = try v.int(min: 0)
            case "business_days": businessDays = try v.bool()
            case "write_off_below": writeOffBelow = try v.decimal()
            case "direction":
                guard let d = Direction(rawValue: try v.string()) else {
                    throw v.invalid("\"either\" or \"bank_on_or_after_ledger\"")
                }
                direction = d
            case "fees":
                // Any element that is not a table is named by the array's key.
                guard let tables = try? v.tables() else { throw v.invalid("an array of tables") }
                for (i, f) in tables.enumerated() {
                    var schedule = FeeSchedule(name: "fee \(i + 1)")
                    for (fk, fv) in f.entries {
                        switch fk {
                        case "name": schedule.name = try fv.string()
                        case "types": schedule.types = try fv.stringArray()
                        case "counterparties": schedule.counterparties = try fv.stringArray()
                        case "fixed": schedule.fixed = try fv.decimal()
                        case "percent": schedule.percentPPM = try fv.decimal().tenThousandths
                        default: throw fv.unknown()
                        }
                    }
                    fees.append(schedule)
                }
            default: throw v.unknown()
            }
        }
    }
}

extension GroupConfiguration {
    /// Reads `[groups]`.
    fileprivate init(table t: ConfigurationTable) throws {
        self.init()
        for (k, v) in t.entries {
            switch k {
            case "window_days": windowDays = try v.int(min: 0)
            case "max_items": maxItems = try v.int(min: 2)
            case "max_candidates": maxCandidates = try v.int(min: 2)
            case "max_steps": maxSteps = try v.int(min: 1)
            case "netting": netting = try v.bool()
            default: throw v.unknown()
            }
        }
    }
}

extension ScoringConfiguration {
    /// Reads `[scoring]`; the suggestion threshold may not pass the automatic one.
    fileprivate init(table t: ConfigurationTable) throws {
        self.init()
        func threshold(_ v: ConfigurationValue) throws -> Int {
            let d = try v.decimal()
            guard d.tenThousandths <= 10_000 else { throw v.invalid("a score from \"0\" to \"1\"") }
            return Int(d.tenThousandths / 10)
        }
        for (k, v) in t.entries {
            switch k {
            case "auto_threshold": autoThreshold = try threshold(v)
            case "suggest_threshold": suggestThreshold = try threshold(v)
            case "window_days": windowDays = try v.int(min: 0)
            case "max_candidates": maxCandidates = try v.int(min: 1)
            case "reference_patterns":
                referencePatterns = try v.stringArray()
                for p in referencePatterns where (try? NSRegularExpression(pattern: p)) == nil {
                    throw v.invalid("regular expressions ('\(p)' is not one)")
                }
            default: throw v.unknown()
            }
        }
        if suggestThreshold > autoThreshold { throw t.invalid("suggest_threshold", "at most auto_threshold") }
    }
}

extension FXConfiguration {
    /// Reads `[fx]`; a relative rates path is taken from the directory of `configPath`.
    fileprivate init(table t: ConfigurationTable, configPath: String) throws {
        self.init()
        for (k, v) in t.entries {
            switch k {
            case "rates":
                let p = try v.string()
                let base = (configPath as NSString).deletingLastPathComponent
                ratesPath = p.hasPrefix("/") || base.isEmpty ? p : base + "/" + p
            case "residual_pct": residualPPM = try v.decimal().tenThousandths
            case "residual_abs": residualAbsolute = try v.decimal()
            case "window_days": windowDays = try v.int(min: 0)
            case "max_rate_age_days": maxRateAgeDays = try v.int(min: 0)
            default: throw v.unknown()
            }
        }
    }
}

extension BusinessCalendar {
    /// Reads `[calendars]`: one table per currency code.
    fileprivate init(table t: ConfigurationTable) throws {
        self.init()
        for (code, v) in t.entries {
            guard Currency.isWellFormedCode(Array(code.utf8)) else { throw v.invalid("a table named by an ISO 4217 code (CNY)") }
            var days = Days()
            for (k, d) in try v.table().entries {
                let dates = try d.stringArray().map { text -> Int32 in
                    guard let day = Day(iso: text) else { throw d.invalid("dates yyyy-mm-dd ('\(text)' is not one)") }
                    return day.rawValue
                }
                switch k {
                case "holidays": days.holidays = Set(dates)
                case "working_days": days.workingDays = Set(dates)
                default: throw d.unknown()
                }
            }
            currencies[code] = days
        }
    }
}

/// The run configuration's values written as strings.
extension ConfigurationValue {
    /// A severity name.
    fileprivate func severity() throws -> Severity {
        try parsed(expected: "one of info, low, medium, high, critical", Severity.init(name:))
    }

    /// A threshold with its comparison written out, e.g. `">= 500.00"`.
    fileprivate func comparison() throws -> Comparison {
        try parsed(expected: "a comparison written as a string, such as \">= 500.00\" (>=, >, <=, <, ==)", Comparison.init)
    }

    /// A decimal written as a string (`"0.50"`), exact to four decimals, not negative.
    fileprivate func decimal() throws -> DecimalAmount {
        try parsed(expected: "a decimal in quotes, 0 or more, with at most four decimals (\"0.50\")") { text in
            DecimalAmount(text).flatMap { $0.tenThousandths >= 0 ? $0 : nil }
        }
    }
}
