import ReconCore

/// Remembers the last date and currency a reader decoded: statement files repeat both on almost
/// every row, so most rows skip the parse and the dictionary lookup.
struct FieldCache {
    private var lastDate: (UInt64, UInt16) = (0, 0)
    private var lastDay = Day(rawValue: 0)
    private var hasDate = false
    private var lastCurrency: UInt32 = 0
    private var lastCurrencyId: Int32 = -1
    private var lastExponent = 2

    /// `yyyy-mm-dd` → day, or nil when malformed.
    @inline(__always)
    mutating func day(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count == 10 else { return nil }
        let raw = UnsafeRawPointer(b.baseAddress!)
        let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if hasDate && key == lastDate { return lastDay }
        guard let d = Day.parseISO(b) else { return nil }
        lastDate = key
        lastDay = d
        hasDate = true
        return d
    }

    /// A well-formed ISO 4217 code → (catalog id, exponent); nil when malformed.
    @inline(__always)
    mutating func currency(_ b: UnsafeBufferPointer<UInt8>, catalog: inout Catalog) -> (Int32, Int)? {
        guard b.count == 3 else { return nil }
        let key = UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2])
        if lastCurrencyId >= 0 && key == lastCurrency { return (lastCurrencyId, lastExponent) }
        guard Currency.isWellFormedCode(b) else { return nil }
        let id = catalog.currency(b)
        lastCurrency = key
        lastCurrencyId = id
        lastExponent = catalog.exponent(ofCurrency: id)
        return (id, lastExponent)
    }
}
