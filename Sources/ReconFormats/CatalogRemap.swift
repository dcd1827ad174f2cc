import ReconCore

/// Maps the currency ids of a block's own catalog to the run's (recording their exponents there).
func remapCurrencies(_ local: Catalog, into global: inout Catalog) -> [Int32] {
    (0..<local.currencies.count).map { id in
        local.currencies.values.bytes.withUnsafeBufferPointer { p in
            global.currency(UnsafeBufferPointer(rebasing: p[local.currencies.values.range(id)]))
        }
    }
}
