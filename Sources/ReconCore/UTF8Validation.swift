/// Checks bytes for well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
public enum UTF8Validation {
    /// The offset of the first byte that is not part of a well-formed sequence, or nil when all are.
    public static func firstInvalidOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32
            switch c {
            case 0xC2...0xDF: need = 1; cp = UInt32(c & 0x1F); min = 0x80
            case 0xE0...0xEF: need = 2; cp = UInt32(c & 0x0F); min = 0x800
            case 0xF0...0xF4: need = 3; cp = UInt32(c & 0x07); min = 0x10000
            default: return i
            }
            for k in 1...need {
                guard i + k < n else { return i }
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                cp = (cp << 6) | UInt32(cc & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (0xD800...0xDFFF).contains(cp) { return i }
            i += need + 1
        }
        return nil
    }
}
