/// Words and references in free text, on bytes: letters and digits (ASCII, upper-cased, and any
/// non-ASCII byte, so Chinese names stay whole) make tokens; everything else separates them.
enum TextTokens {
    /// The tokens of `text` with at least `minimum` bytes.
    static func tokens(_ text: some Collection<UInt8>, minimum: Int = 2) -> [[UInt8]] {
        var out: [[UInt8]] = [], current: [UInt8] = []
        for b in text {
            if let c = normalised(b) { current.append(c) } else {
                if current.count >= minimum { out.append(current) }
                current.removeAll(keepingCapacity: true)
            }
        }
        if current.count >= minimum { out.append(current) }
        return out
    }

    /// `text` with only its letters and digits, upper-cased: `INV-2026/00123` is `INV202600123`.
    static func compact(_ text: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        for b in text { if let c = normalised(b) { out.append(c) } }
        return out
    }

    @inline(__always)
    static func normalised(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57, 65...90, 128...255: return b
        case 97...122: return b - 32
        default: return nil
        }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
