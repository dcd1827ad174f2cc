import Foundation
import ReconCore
import ReconFormats
import ReconMatch

/// Writes `summary.json`: inputs with their SHA-256, configuration, control totals, and count and
/// money per kind. Money is written as exact decimal strings per currency, never as JSON numbers.
package enum SummaryWriter {
    /// Writes the summary to `path` (atomically) and returns its bytes.
    @discardableResult
    package static func write(_ c: ReportContext, totals: RunTotals, exitCode: Int32, to path: String) throws -> Data {
        let data = try encode(c, totals: totals, exitCode: exitCode)
        let writer = try AtomicFileWriter(path: path)
        try writer.write(Array(data))
        try writer.write("\n")
        try writer.commit()
        return data
    }

    static func encode(_ c: ReportContext, totals: RunTotals, exitCode: Int32) throws -> Data {
        let catalog = c.inputs.catalog
        func money(_ v: Int128, _ cur: Int32) -> String { MinorUnits.format(v, exponent: catalog.exponent(ofCurrency: cur)) }
        func code(_ cur: Int32) -> String { catalog.currencies.string(cur) }
        func side(_ t: RunTotals.SideTotals) -> Summary.Side {
            var m: [String: Summary.Money] = [:]
            for (cur, v) in t.money {
                m[code(cur)] = Summary.Money(total: money(v.total, cur), matched: money(v.matched, cur),
                                             in_breaks: money(v.inBreaks, cur))
            }
            return Summary.Side(rows_in: t.rowsIn, rows_matched: t.rowsMatched, rows_in_breaks: t.rowsInBreaks,
                                rows_matched_with_note: t.rowsMatchedWithNote, rows_rejected: t.rowsRejected, money: m)
        }
        var kinds: [String: Summary.Kind] = [:]
        for kind in BreakKind.allCases {
            let k = totals.kinds[kind] ?? RunTotals.KindTotals()
            var m: [String: Summary.KindMoney] = [:]
            for cur in Set(k.bankAmount.keys).union(k.ledgerAmount.keys) {
                m[code(cur)] = Summary.KindMoney(bank_amount: money(k.bankAmount[cur] ?? 0, cur),
                                                 ledger_amount: money(k.ledgerAmount[cur] ?? 0, cur))
            }
            kinds[kind.name] = Summary.Kind(severity: c.configuration.severity(of: kind).name, count: k.count, money: m)
        }
        let config = c.configuration
        let summary = Summary(
            recon_version: ReconVersion.current,
            as_of: c.inputs.asOf.iso,
            exit_code: Int(exitCode),
            alert_severity: config.alertSeverity.name,
            alerts: totals.alerts,
            custody_alerts: c.result.custody == nil ? nil : CustodyReportWriter.alerts(c),
            indicators: c.indicators.map { i in Dictionary(uniqueKeysWithValues: i.values.keys.map { ($0.name, i.text($0)!) }) },
            exports: c.exports.formats.isEmpty ? nil
                : Summary.Exports(files: c.exports.formats.sorted().map(\.fileName), masked: !c.exports.unmasked),
            group_search: c.configuration.groups == nil ? nil : Summary.GroupSearch(
                bound_hits: c.result.boundHits.count,
                first: c.result.boundHits.prefix(20).map { r in
                    r.side == .bank ? "bank " + c.inputs.bank.bankRef.string(Int(r.row)) : "ledger " + c.inputs.ledger.txnId.string(Int(r.row))
                }),
            breaks: c.result.breaks.count,
            inputs: (c.bankFiles + c.ledgerFiles + c.balanceFiles).map {
                Summary.Input(side: $0.role, path: $0.path, format: $0.format, compressed: $0.compressed,
                              sha256: $0.sha256, bytes: $0.bytes, rows: $0.rows, rejected: $0.rejected,
                              replaces_sha256: $0.replacesSHA256)
            },
            configuration: Summary.Configuration(
                passes: Summary.Passes(duplicates: config.duplicates, reference: config.reference, batch: config.batch,
                                       amount_date: config.amountDate),
                reference_amount_tolerance_minor: Int(config.referenceAmountTolerance),
                window_days: config.windowDays, settlement_window_days: config.settlementWindowDays),
            control_totals: Summary.ControlTotals(bank: side(totals.bank), ledger: side(totals.ledger)),
            statements: c.inputs.statements.map { fs in
                let s = fs.statement
                let exp = Currency.exponent(ofCode: Array(s.currency.utf8))
                return Summary.Statement(
                    file: c.bankFiles[fs.file].path, id: s.id, account: s.account, currency: s.currency,
                    opening: s.openingBalance.map { MinorUnits.format($0, exponent: exp) },
                    closing: s.closingBalance.map { MinorUnits.format($0, exponent: exp) },
                    movements: s.movementCount, movement_sum: MinorUnits.format(s.movementSum, exponent: exp),
                    reconciles: s.balanceGap.map { $0 == 0 }, controls_hold: s.controls.allSatisfy(\.holds),
                    assumed: s.assumptions.isEmpty ? nil : s.assumptions)
            },
            kinds: kinds,
            ageing: zip(AgeBucket.allCases, totals.ageing.buckets).map { bucket, t in
                var m: [String: String] = [:]
                for (cur, v) in t.moneyAtRisk { m[cur] = MinorUnits.format(v, exponent: totals.ageing.exponent(of: cur)) }
                return Summary.Ageing(bucket: bucket.label, from_days: bucket.fromDays, to_days: bucket.toDays,
                                      count: t.count, kinds: Dictionary(uniqueKeysWithValues: t.kinds.map { ($0.key.name, $0.value) }),
                                      money_at_risk: m)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(summary)
    }
}

/// The JSON shape of `summary.json` (snake_case keys as written).
struct Summary: Encodable {
    struct Input: Encodable {
        var side, path, format: String
        var compressed: Bool
        var sha256: String
        var bytes, rows, rejected: Int
        /// A corrected file: the digest of the bytes an earlier run of the date read.
        var replaces_sha256: String?
    }
    struct Passes: Encodable { var duplicates, reference, batch, amount_date: Bool }
    struct Configuration: Encodable {
        var passes: Passes
        var reference_amount_tolerance_minor, window_days, settlement_window_days: Int
    }
    struct Money: Encodable { var total, matched, in_breaks: String }
    struct Side: Encodable {
        /// rows_in = rows_matched + rows_in_breaks + rows_rejected; rows_matched_with_note is the part
        /// of rows_in_breaks that is matched but reported (timing_difference, fee_deducted, ...).
        var rows_in, rows_matched, rows_in_breaks, rows_matched_with_note, rows_rejected: Int
        var money: [String: Money]
    }
    struct ControlTotals: Encodable { var bank, ledger: Side }
    struct Statement: Encodable {
        var file, id, account, currency: String
        var opening, closing: String?
        var movements: Int
        var movement_sum: String
        var reconciles: Bool?
        var controls_hold: Bool
        /// What the reader assumed where the file left something out.
        var assumed: [String]?
    }
    struct GroupSearch: Encodable { var bound_hits: Int; var first: [String] }
    struct Exports: Encodable { var files: [String]; var masked: Bool }
    struct KindMoney: Encodable { var bank_amount, ledger_amount: String }
    struct Kind: Encodable { var severity: String; var count: Int; var money: [String: KindMoney] }
    /// Open items (all kinds but `timing_difference`) of one ageing bucket; `to_days` is null for `>30`.
    struct Ageing: Encodable {
        var bucket: String
        var from_days: Int
        var to_days: Int?
        var count: Int
        var kinds: [String: Int]
        var money_at_risk: [String: String]

        enum CodingKeys: String, CodingKey { case bucket, from_days, to_days, count, kinds, money_at_risk }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(bucket, forKey: .bucket)
            try c.encode(from_days, forKey: .from_days)
            try c.encode(to_days, forKey: .to_days)   // null, not absent, for the open-ended bucket
            try c.encode(count, forKey: .count)
            try c.encode(kinds, forKey: .kinds)
            try c.encode(money_at_risk, forKey: .money_at_risk)
        }
    }

    var recon_version, as_of: String
    var exit_code: Int
    var alert_severity: String
    var alerts: Int
    /// Thresholds crossed (with `[custody]` only).
    var custody_alerts: [CustodyReportWriter.Alert]?
    /// The run's indicators (match rate, open items, oldest, custody difference) as decimal strings.
    var indicators: [String: String]?
    /// The exports written beside this file, and whether account numbers and names are masked in them.
    var exports: Exports?
    /// With `[groups]`: rows whose group search stopped at its bound (`max_steps`), and the first 20.
    var group_search: GroupSearch?
    var breaks: Int
    var inputs: [Input]
    var configuration: Configuration
    var control_totals: ControlTotals
    var statements: [Statement]
    var kinds: [String: Kind]
    var ageing: [Ageing]
}
