/// Why the bytes of a text field are not acceptable text, and where in the value: what
/// ``FieldText/check(_:lineBreaks:)`` finds. Readers turn it into an input error naming the file,
/// the line and the field.
package struct FieldTextFault: Error, Equatable, Sendable {
    /// The kinds of bytes a text field may not hold.
    package enum Kind: Equatable, Sendable {
        /// A C0 control other than tab and the line breaks, DEL, or a C1 control (U+0080 to U+009F).
        case control(UInt32)
        /// A line feed or carriage return in a field that is one line by nature (an id, an account).
        case lineBreak
        /// U+FEFF (a byte order mark inside the text) or U+FFFE (a reversed one).
        case byteOrderMark(UInt32)
        /// A byte that starts no well-formed UTF-8 sequence.
        case invalidUTF8(UInt8)
        /// U+FFFF: bytes a reader could not decode (``FieldText/string(decoding:)``), or that
        /// noncharacter itself (told as the former: a bank file has no use for it).
        case undecodable
    }

    package var kind: Kind
    /// Offset of the first offending byte in the value, from 0.
    package var offset: Int

    package init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }
}

extension FieldTextFault: CustomStringConvertible {
    /// For example `control character U+0000 (NUL) at byte 4 of the value`.
    package var description: String {
        let at = "at byte \(offset + 1) of the value"
        switch kind {
        case .control(let c):
            let name = Self.controlNames[Int(c)].map { " (\($0))" } ?? ""
            let hint = (0x80...0x9F).contains(c) ? "; a Windows-1252 file read as Latin-1? name its encoding in the format spec" : ""
            return "control character \(Self.codePoint(c))\(name) \(at)\(hint)"
        case .lineBreak:
            return "line break \(at); only counterparty and description texts may span lines"
        case .byteOrderMark(let c):
            return "\(c == 0xFEFF ? "byte order mark" : "reversed byte order mark") \(Self.codePoint(c)) inside the text, \(at)"
        case .invalidUTF8(let b):
            return "not valid UTF-8 \(at) (0x\(String(b, radix: 16, uppercase: true))); if the file is in another encoding, name it in its format spec"
        case .undecodable:
            return "not valid UTF-8, nor text in the encoding the format spec names, \(at); if the file is in another encoding, name it in its format spec"
        }
    }

    private static func codePoint(_ c: UInt32) -> String {
        let hex = String(c, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Names of the C0 controls and DEL, for messages.
    private static let controlNames: [Int: String] = [
        0: "NUL", 1: "SOH", 2: "STX", 3: "ETX", 4: "EOT", 5: "ENQ", 6: "ACK", 7: "BEL", 8: "BS", 11: "VT", 12: "FF",
        14: "SO", 15: "SI", 16: "DLE", 17: "DC1", 18: "DC2", 19: "DC3", 20: "DC4", 21: "NAK", 22: "SYN", 23: "ETB",
        24: "CAN", 25: "EM", 26: "SUB", 27: "ESC", 28: "FS", 29: "GS", 30: "RS", 31: "US", 127: "DEL",
    ]
}
