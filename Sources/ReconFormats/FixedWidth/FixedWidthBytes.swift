/// Byte helpers shared by the fixed-width fields: trimming, blank tests, quoting for messages.
enum FixedWidthBytes {
    /// `bytes` without leading and trailing spaces.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = bytes.count
        while lo < hi && bytes[lo] == 32 { lo += 1 }
        while hi > lo && bytes[hi - 1] == 32 { hi -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    }

    /// Whether every byte is a space, tab, carriage return, NUL or DOS end-of-file (0x1A): a blank
    /// line, a filler record, or the padding old exports leave at the end.
    @inline(__always)
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b != 32 && b != 9 && b != 13 && b != 0 && b != 0x1A { return false }
        return true
    }

    /// Whether every byte is a space or an ASCII zero (a date or amount left empty).
    @inline(__always)
    static func isBlankOrZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b != 32 && b != 48 { return false }
        return true
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// Removes trailing spaces of `bytes`.
    @inline(__always)
    static func trimEnd(_ bytes: inout [UInt8]) {
        while let last = bytes.last, last == 32 { bytes.removeLast() }
    }

    /// Removes leading and trailing spaces of `bytes`.
    static func trim(_ bytes: inout [UInt8]) {
        trimEnd(&bytes)
        if let first = bytes.firstIndex(where: { $0 != 32 }), first > 0 { bytes.removeFirst(first) }
    }

    /// A value quoted for an error message (lossy UTF-8, at most 64 bytes).
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: bytes.prefix(64), as: UTF8.self)
        return "'" + s + (bytes.count > 64 ? "…'" : "'")
    }

    /// Powers of ten that fit an `Int64`.
    static let powersOfTen: [Int64] = (0...18).map { n in (0..<n).reduce(Int64(1)) { p, _ in p * 10 } }
}
