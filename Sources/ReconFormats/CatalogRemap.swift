import ReconCore

/// Maps the ids of a block's own dictionary to the run's, the look-ups on `lanes` threads.
func remap(_ local: Interner, into global: inout Interner, lanes: Int) -> [Int32] {
    global.merge(local, lanes: lanes)
}

/// Maps the currency ids of a block's own catalog to the run's (recording their exponents there).
func remapCurrencies(_ local: Catalog, into global: inout Catalog) -> [Int32] {
    (0..<local.currencies.count).map { id in
        local.currencies.values.bytes.withUnsafeBufferPointer { p in
            global.currency(UnsafeBufferPointer(rebasing: p[local.currencies.values.range(id)]))
        }
    }
}
