/// One row of `breaks.csv` as the store keeps it, with its stable id.
public struct StoredBreak: Sendable, Equatable {
    /// The report's columns, in DESIGN.md's order, as written.
    public var fields: [String]
    /// Stable across nights and re-runs: derived from the rows it names, not from its kind, so an
    /// `in_transit` item keeps its id when it ages into `missing_in_bank`.
    public var id: String

    public init(fields: [String], id: String) { self.fields = fields; self.id = id }

    public var kind: String { fields[0] }
    public var severity: String { fields[1] }
    public var account: String { fields[2] }
    public var bankRef: String { fields[4] }
    public var ledgerId: String { fields[5] }
    public var ageDays: Int { Int(fields[11]) ?? 0 }
}
