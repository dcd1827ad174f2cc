/// One `[[fixed-width.records]]` entry of a spec: how a record type is recognised (prefix, and
/// optionally a `when` test), its role, and where its fields lie. See ``FixedWidthLayout`` for the
/// schema and which fields each role may have.
///
/// A class, immutable once loaded, so that the reader refers to it per record without copying its
/// many fields.
final class FixedWidthRecordType: Sendable {
    /// For messages and control names: the spec's `name`, else `record PREFIX`.
    let name: String
    let prefix: [UInt8]
    let condition: FixedWidthCondition?
    let role: FixedWidthRole
    /// The spec's dotted key of this entry, for messages.
    let key: String

    let account: FixedWidthTextField?
    let currency: FixedWidthSpan?
    let decimals: FixedWidthSpan?
    /// The movement's `amount`, or the opening/closing `balance`.
    let amount: FixedWidthAmountField?
    let sign: FixedWidthSignField?
    /// The balance's `date` (opening, closing).
    let date: FixedWidthDateField?
    let statementId: FixedWidthTextField?
    let bookingDate: FixedWidthDateField?
    let valueDate: FixedWidthDateField?
    let bankRef: FixedWidthTextField?
    let endToEndId: FixedWidthTextField?
    let counterparty: FixedWidthTextField?
    let description: FixedWidthTextField?
    let globalisation: FixedWidthSpan?
    let sequence: FixedWidthSpan?
    let controls: [FixedWidthControl]
    /// Whether a trailer's `record_count` counts records of this type (`counted = false` in the spec:
    /// CODA's trailer leaves out type 4, free communication, as the Febelfin standard says).
    let counted: Bool

    /// The fields each role may have.
    static func targets(of role: FixedWidthRole) -> Set<String> {
        let controls = Set(FixedWidthControlKind.allCases.map(\.rawValue))
        switch role {
        case .header, .ignore: return []
        case .opening: return ["account", "currency", "decimals", "balance", "sign", "date", "statement_id"]
        case .movement:
            return ["account", "currency", "decimals", "amount", "sign", "booking_date", "value_date", "bank_ref",
                    "end_to_end_id", "counterparty", "description", "globalisation", "sequence"]
        case .complement: return ["bank_ref", "end_to_end_id", "counterparty", "description"]
        case .closing: return Set(["account", "currency", "decimals", "balance", "sign", "date"]).union(controls)
        case .trailer: return Set(["decimals"]).union(controls)
        }
    }

    static let allTargets: Set<String> = FixedWidthRole.allCases.reduce(into: Set<String>()) { $0.formUnion(targets(of: $1)) }

    init(table: SpecTable, recordLength: Int, encoder: FixedWidthTextEncoder) throws {
        try table.only(["name", "prefix", "when", "role", "fields", "counted"])
        counted = try table.bool("counted") ?? true
        key = table.prefix
        let p = try table.requiredString("prefix")
        guard let bytes = try? encoder.encode(p), !bytes.isEmpty, bytes.count <= recordLength else {
            throw table.invalid("prefix", "a non-empty string of at most \(recordLength) bytes in the spec's encoding")
        }
        prefix = bytes
        name = try table.string("name") ?? "record \(p)"
        let r = try table.requiredString("role")
        guard let role = FixedWidthRole(rawValue: r) else {
            throw table.invalid("role", "one of " + FixedWidthRole.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.role = role
        condition = try table.table("when").map { try FixedWidthCondition(table: $0, recordLength: recordLength, encoder: encoder) }

        let fields = try table.table("fields")
        let allowed = FixedWidthRecordType.targets(of: role)
        if let fields {
            for k in fields.keys.sorted() {
                if !FixedWidthRecordType.allTargets.contains(k) { throw FormatSpecError.unknownKey(path: fields.path, key: fields.key(k)) }
                if !allowed.contains(k) {
                    let can = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
                    throw fields.invalid(k, "absent: a \(role.rawValue) record has no \(k) (its fields: \(can))")
                }
            }
        }
        let n = recordLength
        let f = fields ?? table
        let hasFields = fields != nil
        func text(_ k: String) throws -> FixedWidthTextField? {
            guard hasFields, let t = try f.table(k) else { return nil }
            let field = try FixedWidthTextField(table: t, name: k, recordLength: n)
            if field.only != nil && role != .movement && role != .complement {
                throw t.invalid("only", "absent: only movement and complement fields depend on the direction")
            }
            return field
        }
        func span(_ k: String) throws -> FixedWidthSpan? {
            guard hasFields, let t = try f.table(k) else { return nil }
            try t.only(["start", "length"])
            return try FixedWidthSpan(table: t, name: k, recordLength: n)
        }
        func dateField(_ k: String) throws -> FixedWidthDateField? {
            guard hasFields, let t = try f.table(k) else { return nil }
            return try FixedWidthDateField(table: t, name: k, recordLength: n)
        }
        func amountField(_ k: String) throws -> FixedWidthAmountField? {
            guard hasFields, let t = try f.table(k) else { return nil }
            return try FixedWidthAmountField(table: t, name: k, recordLength: n)
        }
        account = try text("account")
        currency = try span("currency")
        decimals = try span("decimals")
        amount = try amountField("amount") ?? amountField("balance")
        sign = hasFields ? try f.table("sign").map { try FixedWidthSignField(table: $0, name: "sign", recordLength: n, encoder: encoder) } : nil
        date = try dateField("date")
        statementId = try text("statement_id")
        bookingDate = try dateField("booking_date")
        valueDate = try dateField("value_date")
        bankRef = try text("bank_ref")
        endToEndId = try text("end_to_end_id")
        counterparty = try text("counterparty")
        description = try text("description")
        globalisation = try span("globalisation")
        sequence = try span("sequence")
        var controls: [FixedWidthControl] = []
        if hasFields {
            for kind in FixedWidthControlKind.allCases {
                if let t = try f.table(kind.rawValue) { controls.append(try FixedWidthControl(kind: kind, table: t, recordLength: n)) }
            }
        }
        self.controls = controls
        try check(fields: f, table: table)
    }

    /// What each role needs, and fields that contradict each other.
    private func check(fields f: SpecTable, table: SpecTable) throws {
        func missing(_ k: String) -> FormatSpecError { .missingKey(path: table.path, key: table.key("fields." + k)) }
        switch role {
        case .opening:
            if account == nil { throw missing("account") }
            if currency == nil { throw missing("currency") }
            if amount == nil { throw missing("balance") }
        case .movement:
            if amount == nil { throw missing("amount") }
            if bookingDate == nil && valueDate == nil { throw missing("booking_date") }
            if (globalisation == nil) != (sequence == nil) {
                throw missing(globalisation == nil ? "globalisation" : "sequence")
            }
        case .closing:
            if amount == nil { throw missing("balance") }
        case .trailer:
            if controls.isEmpty {
                throw table.invalid("fields", "a table with at least one control total ("
                    + FixedWidthControlKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
        case .header, .complement, .ignore:
            break
        }
        let amountKey = role == .movement ? "amount" : "balance"
        if let amount, amount.format == .overpunch, sign != nil {
            throw f.invalid("sign", "absent: the overpunched \(amountKey) carries its own sign")
        }
        if sign != nil && amount == nil {
            throw f.invalid("sign", "absent: the record has no \(amountKey)")
        }
        var money: [FixedWidthAmountField] = controls.filter { $0.kind.isMoney }.map(\.field)
        if let amount { money.append(amount) }
        for m in money where m.format != .decimal && m.decimals == nil && decimals == nil {
            throw FormatSpecError.missingKey(path: f.path, key: f.key(m.span.name + ".decimals"))
        }
    }

    /// Whether `record` (padded to the record length) is of this type.
    @inline(__always)
    func matches(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
        guard record.count >= prefix.count else { return false }
        for i in 0..<prefix.count where record[i] != prefix[i] { return false }
        return condition?.holds(record) ?? true
    }
}
