/// The rule every text field read from an input obeys, in one place: UTF-8 text without control
/// characters. Every reader checks each text field of a row with it before the row enters a table
/// (the canonical segments per field, the other readers through ``BankTable``'s row append), so
/// no NUL, escape, DEL, C1 control, stray byte order mark or invalid UTF-8 reaches a report.
///
/// - Tab is text. Line breaks (LF, CR) are text only in free-text fields (counterparty,
///   description): a quoted CSV field or a wrapped bank text may hold them, they are kept as the
///   bank wrote them, and every CSV Recon writes quotes them. In every other field (ids,
///   accounts, references, types) a line break is a fault.
/// - Any other C0 control (U+0000 to U+001F), DEL (U+007F) and the C1 controls (U+0080 to
///   U+009F) are faults; so are U+FEFF (a byte order mark inside the text) and U+FFFE (a reversed
///   one).
/// - Bytes that are not well-formed UTF-8 are a fault. A file in another encoding is converted to
///   UTF-8 only where its format spec names that encoding; nothing is guessed.
///
/// The check is one pass over the bytes that only looks further at a byte below 0x20, at 0x7F, or
/// at 0x80 and above (where it validates the UTF-8 sequence): printable ASCII costs a compare.
package enum FieldText {
    /// The scalar ``string(decoding:)`` puts for each byte that is not part of a well-formed UTF-8
    /// sequence, so that the check still finds it after a reader turned bytes into a `String`
    /// (U+FFFF is a noncharacter: it has no business in a bank file either).
    package static let undecodable: Unicode.Scalar = "\u{FFFF}"

    /// The first fault in a field's bytes, or nil when they are acceptable text; `lineBreaks` says
    /// whether the field may span lines.
    @inlinable
    package static func check(_ bytes: UnsafeBufferPointer<UInt8>, lineBreaks: Bool) -> FieldTextFault? {
        // Printable ASCII (0x20...0x7E) is the whole of most fields: one branch-free pass decides.
        var other: UInt8 = 0
        for c in bytes { other |= (c &- 0x20) > 0x5E ? 1 : 0 }
        return other == 0 ? nil : scan(bytes, lineBreaks: lineBreaks)
    }

    /// Whether every byte is printable ASCII (0x20...0x7E), eight bytes at a time: a record that is
    /// needs none of its fields checked (a field's bytes are a part of its record's).
    @inlinable
    package static func isPrintableASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = b.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte below 0x20, a byte with its high bit, or a byte equal to 0x7F sets a high bit.
            let below = (w &- 0x20 &* ones) & ~w & highs
            let del = w ^ (0x7F &* ones)
            if (below | (w & highs) | ((del &- ones) & ~del & highs)) != 0 { return false }
            i += 8
        }
        while i < n {
            if (b[i] &- 0x20) > 0x5E { return false }
            i += 1
        }
        return true
    }

    /// The precise pass, for a field holding anything but printable ASCII.
    package static func scan(_ b: UnsafeBufferPointer<UInt8>, lineBreaks: Bool) -> FieldTextFault? {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                if (c >= 0x20 && c != 0x7F) || c == 0x09 || (lineBreaks && (c == 0x0A || c == 0x0D)) { i += 1; continue }
                return FieldTextFault(c == 0x0A || c == 0x0D ? .lineBreak : .control(UInt32(c)), at: i)
            }
            guard let (scalar, length) = UTF8Validation.scalar(in: b, at: i) else {
                return FieldTextFault(.invalidUTF8(c), at: i)
            }
            switch scalar {
            case 0x80...0x9F: return FieldTextFault(.control(scalar), at: i)
            case 0xFEFF, 0xFFFE: return FieldTextFault(.byteOrderMark(scalar), at: i)
            case 0xFFFF: return FieldTextFault(.undecodable, at: i)
            default: i += length
            }
        }
        return nil
    }

    /// Bytes as a `String` for a reader that works on strings: well-formed UTF-8 as it is, and
    /// ``undecodable`` for each byte that starts no well-formed sequence, so that the check refuses
    /// the field later instead of a silent U+FFFD replacement.
    package static func string(decoding bytes: some Collection<UInt8>) -> String {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { b in
            if UTF8Validation.firstInvalidOffset(b) == nil { return String(decoding: b, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            var i = 0
            while i < b.count {
                if b[i] < 0x80 {
                    scalars.append(Unicode.Scalar(b[i]))
                    i += 1
                } else if let (value, length) = UTF8Validation.scalar(in: b, at: i), let s = Unicode.Scalar(value) {
                    scalars.append(s)
                    i += length
                } else {
                    scalars.append(undecodable)
                    i += 1
                }
            }
            return String(scalars)
        }
    }

    /// Bytes as text a person can be shown (the rejects file, messages): invalid UTF-8, control
    /// characters other than tab and line breaks, and byte order marks become U+FFFD.
    package static func displayable(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for s in String(decoding: Array(bytes), as: UTF8.self).unicodeScalars {
            switch s.value {
            case 0x09, 0x0A, 0x0D: scalars.append(s)
            case 0x00...0x1F, 0x7F...0x9F, 0xFEFF, 0xFFFE, 0xFFFF: scalars.append("\u{FFFD}")
            default: scalars.append(s)
            }
        }
        return String(scalars)
    }
}
