/// A row still open after a night (not at the bank yet, or a bank line nobody booked), carried into
/// the next night's matching as a row of its side's canonical layout.
public struct OpenItem: Sendable, Equatable {
    public var side: String
    public var breakId: String
    /// The row in the canonical CSV layout of its side, without a line break.
    public var rowCSV: String

    public init(side: String, breakId: String, rowCSV: String) {
        self.side = side; self.breakId = breakId; self.rowCSV = rowCSV
    }
}
