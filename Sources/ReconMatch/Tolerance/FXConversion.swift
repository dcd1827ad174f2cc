import ReconCore

/// How an `fx_matched` pair's ledger amount was converted.
package struct FXConversion: Sendable, Equatable {
    package var bankRow: Int32
    package var ledgerRow: Int32
    package var rate: FXRate
    package var inverted: Bool
    /// The ledger amount in the bank's currency (minor units).
    package var converted: Int64
}
