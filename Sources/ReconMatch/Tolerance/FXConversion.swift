import ReconCore

/// How an `fx_matched` pair's ledger amount was converted.
public struct FXConversion: Sendable, Equatable {
    public var bankRow: Int32
    public var ledgerRow: Int32
    public var rate: FXRate
    public var inverted: Bool
    /// The ledger amount in the bank's currency (minor units).
    public var converted: Int64
}
