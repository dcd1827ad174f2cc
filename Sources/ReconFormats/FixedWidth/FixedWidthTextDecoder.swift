/// Turns the bytes of a text field, in the file's encoding, into UTF-8 for the bank table.
///
/// Fixed-width positions are bytes of the file's own encoding, so the stream is never transcoded
/// as a whole: each text field is, and only when it holds a byte above ASCII (every encoding a
/// fixed-width spec may name is ASCII-compatible). A byte sequence that is not valid in the
/// encoding is an error, never a replacement. Not thread-safe: one per reading.
struct FixedWidthTextDecoder {
    let encoding: TextEncoding
    /// nil for UTF-8 input, whose bytes pass through.
    private let iconv: FixedWidthIconv?

    init(encoding: TextEncoding) throws {
        self.encoding = encoding
        iconv = encoding == .utf8 ? nil : try FixedWidthIconv(from: encoding.iconvName, to: "UTF-8")
    }

    /// Appends `bytes` as UTF-8; throws naming `field` when they are not valid in the encoding.
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], field: String) throws {
        guard let iconv, !FixedWidthBytes.isASCII(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        do {
            try iconv.convert(bytes, appendingTo: &out)
        } catch TranscodingError.invalid(let offset) {
            throw FixedWidthValueError(field, "not valid \(encoding.rawValue) text at byte \(offset + 1) of the field")
        }
    }

    /// A record's text for the rejects file: decoded when possible, else the bytes as they are.
    func lenient(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        if (try? append(bytes, to: &out, field: "")) == nil { return Array(bytes) }
        return out
    }
}
