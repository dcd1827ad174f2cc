import ReconCore

extension TextColumn {
    /// Appends all values of `other`.
    mutating func append(contentsOf other: TextColumn) {
        let base = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: other.bytes)
        for e in other.ends { ends.append(base &+ e) }
    }
}

/// Maps the ids of a block's own dictionary to the run's.
func remap(_ local: Interner, into global: inout Interner) -> [Int32] {
    (0..<local.count).map { id in
        local.values.bytes.withUnsafeBufferPointer { p in
            global.intern(UnsafeBufferPointer(rebasing: p[local.values.range(id)]))
        }
    }
}
