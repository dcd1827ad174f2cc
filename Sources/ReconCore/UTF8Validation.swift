/// Checks bytes for well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
public enum UTF8Validation {
    /// The offset of the first byte that is not part of a well-formed sequence, or nil when all are.
    public static func firstInvalidOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            if b[i] < 0x80 { i += 1; continue }
            guard let (_, length) = scalar(in: b, at: i) else { return i }
            i += length
        }
        return nil
    }

    /// The code point of the well-formed sequence that starts at `i` (a byte of 0x80 or more) and
    /// its length in bytes, or nil when the sequence there is not well-formed.
    static func scalar(in b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let c = b[i]
        var need = 0
        var min: UInt32 = 0
        var cp: UInt32
        switch c {
        case 0xC2...0xDF: need = 1; cp = UInt32(c & 0x1F); min = 0x80
        case 0xE0...0xEF: need = 2; cp = UInt32(c & 0x0F); min = 0x800
        case 0xF0...0xF4: need = 3; cp = UInt32(c & 0x07); min = 0x10000
        default: return nil
        }
        for k in 1...need {
            guard i + k < b.count else { return nil }
            let cc = b[i + k]
            guard cc & 0xC0 == 0x80 else { return nil }
            cp = (cp << 6) | UInt32(cc & 0x3F)
        }
        if cp < min || cp > 0x10FFFF || (0xD800...0xDFFF).contains(cp) { return nil }
        return (cp, need + 1)
    }
}
