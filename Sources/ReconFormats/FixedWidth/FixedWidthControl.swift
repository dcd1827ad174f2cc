/// A control total field of a closing or trailer record: `debit_total = { start, length, decimals }`.
/// Counts are plain digits; totals are amounts (magnitudes) in the statement's currency.
struct FixedWidthControl: Sendable {
    let kind: FixedWidthControlKind
    let field: FixedWidthAmountField

    init(kind: FixedWidthControlKind, table: SpecTable, recordLength: Int) throws {
        self.kind = kind
        if kind.isMoney {
            field = try FixedWidthAmountField(table: table, name: kind.rawValue, recordLength: recordLength)
        } else {
            try table.only(["start", "length"])
            let span = try FixedWidthSpan(table: table, name: kind.rawValue, recordLength: recordLength)
            field = FixedWidthAmountField(span: span, format: .digits, decimals: 0)
        }
    }
}
