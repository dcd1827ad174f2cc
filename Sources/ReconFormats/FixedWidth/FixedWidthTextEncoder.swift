/// Converts UTF-8 text to a ``TextEncoding`` with iconv: the reverse of ``Transcoder``.
///
/// Specs use it to turn their codes (prefixes, `借`/`贷`, qualifiers) into the bytes a file holds,
/// and ``CNBankFixedWidthWriter`` to write GB18030. A character the target encoding cannot write is
/// an error, never a replacement. Not thread-safe: one per load or conversion.
struct FixedWidthTextEncoder {
    let encoding: TextEncoding
    /// nil for UTF-8 (bytes pass through).
    private let iconv: FixedWidthIconv?

    init(to encoding: TextEncoding) throws {
        self.encoding = encoding
        iconv = encoding == .utf8 ? nil : try FixedWidthIconv(from: "UTF-8", to: encoding.iconvName)
    }

    /// `text` in the target encoding.
    func encode(_ text: String) throws -> [UInt8] {
        var out: [UInt8] = []
        try Array(text.utf8).withUnsafeBufferPointer { try encode($0, appendingTo: &out) }
        return out
    }

    /// Appends UTF-8 `bytes` converted to the target encoding; throws
    /// ``TranscodingError/invalid(offset:)`` at the first character that cannot be converted.
    func encode(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) throws {
        guard let iconv, !FixedWidthBytes.isASCII(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        try iconv.convert(bytes, appendingTo: &out)
    }
}
