import ReconCore

/// Limits of the columnar storage, checked after each file so that they fail loudly, never wrap.
enum TableLimits {
    /// Text arenas address their bytes with 32-bit offsets.
    static let maxArenaBytes = Int(UInt32.max)

    static func check(_ columns: TextColumn..., path: String) throws {
        for c in columns where c.byteCount > maxArenaBytes {
            throw InputError.badRecord(path: path, line: 0, field: nil,
                                       reason: "text columns exceed 4 GiB; split the input into several runs")
        }
    }
}
