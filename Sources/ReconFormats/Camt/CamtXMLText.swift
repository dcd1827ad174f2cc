/// Writing text into XML element content, byte for byte: `&`, `<` and `>` become references, and so
/// does a carriage return (which a parser would otherwise turn into a line feed), so that a reader
/// gets back exactly the bytes written.
enum CamtXMLText {
    /// Appends `text` escaped to `out`; returns why it cannot be written when it is not valid UTF-8 or
    /// holds a character XML 1.0 does not allow (control characters other than tab, LF and CR;
    /// U+FFFE, U+FFFF). Nothing is appended then.
    static func append(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> String? {
        let start = out.count
        var i = 0
        let n = text.count
        while i < n {
            let c = text[i]
            if c < 0x80 {
                switch c {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case 0x0D: out.append(contentsOf: "&#13;".utf8)
                case 0x09, 0x0A: out.append(c)
                case 0..<0x20:
                    out.removeSubrange(start...)
                    return "control character U+\(hex(c)) at byte \(i + 1) cannot be written in XML"
                default: out.append(c)
                }
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: length = 0
            }
            var valid = length > 0 && i + length <= n && (low...high).contains(text[i + 1])
            if valid { for k in 2..<max(length, 2) where !(0x80...0xBF).contains(text[i + k]) { valid = false } }
            if !valid {
                out.removeSubrange(start...)
                return "invalid UTF-8 at byte \(i + 1)"
            }
            if c == 0xEF && text[i + 1] == 0xBF && (text[i + 2] == 0xBE || text[i + 2] == 0xBF) {
                out.removeSubrange(start...)
                return "character U+FFF\(text[i + 2] == 0xBE ? "E" : "F") at byte \(i + 1) cannot be written in XML"
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<(i + length)]))
            i += length
        }
        return nil
    }

    private static func hex(_ c: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "00" + String(digits[Int(c >> 4)]) + String(digits[Int(c & 15)])
    }
}
