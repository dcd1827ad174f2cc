#if canImport(Glibc)
import Glibc
#endif

/// Converts text from a ``TextEncoding`` to UTF-8 with iconv. A byte sequence that is not valid in
/// the source encoding is an error naming its offset, never a silent replacement.
package final class Transcoder {
    package let encoding: TextEncoding
    private let cd: iconv_t

    package init(from encoding: TextEncoding) throws {
        self.encoding = encoding
        cd = iconv_open("UTF-8", encoding.iconvName)
        if cd == iconv_t(bitPattern: -1) {
            throw InputError.cannotOpen(path: encoding.rawValue, reason: "iconv cannot convert \(encoding.rawValue) to UTF-8")
        }
    }

    deinit { iconv_close(cd) }

    /// Converts a complete piece of text (a field). Throws `.invalid(offset)` on a bad sequence.
    package func convert(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) throws {
        iconv(cd, nil, nil, nil, nil)
        let (consumed, status) = convertSome(bytes, appendingTo: &out, final: true)
        if status != .done { throw TranscodingError.invalid(offset: consumed) }
    }

    /// Converts a complete byte array to a `String`, for messages and statement metadata.
    package func string(_ bytes: [UInt8]) throws -> String {
        var out: [UInt8] = []
        try bytes.withUnsafeBufferPointer { try convert($0, appendingTo: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    enum Status { case done, incomplete, invalid }

    /// Converts as much of `bytes` as possible; returns bytes consumed and why it stopped.
    func convertSome(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8], final: Bool) -> (Int, Status) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return (0, .done) }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var inLeft = bytes.count
        var chunk = [UInt8](repeating: 0, count: max(256, bytes.count * 4))
        while true {
            var produced = 0
            var stop: Status? = nil
            chunk.withUnsafeMutableBufferPointer { c in
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(c.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = c.count
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                produced = c.count - outLeft
                if rc == -1 {
                    switch errno {
                    case E2BIG: break
                    case EINVAL: stop = final ? .invalid : .incomplete
                    default: stop = .invalid
                    }
                } else {
                    stop = .done
                }
            }
            out.append(contentsOf: chunk[0..<produced])
            if let stop { return (bytes.count - inLeft, stop) }
        }
    }
}

/// Why text could not be converted to UTF-8.
package enum TranscodingError: Error, Equatable {
    /// An invalid or incomplete sequence at this byte offset of the converted piece.
    case invalid(offset: Int)
}

extension Transcoder {
    /// Encodes UTF-8 text into another encoding (for writers and tests), by iconv name.
    package static func fromUTF8(_ text: String, to iconvName: String) throws -> [UInt8] {
        let cd = iconv_open(iconvName, "UTF-8")
        if cd == iconv_t(bitPattern: -1) { throw TranscodingError.invalid(offset: 0) }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let (status, produced): (Int, Int) = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(i.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = i.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = o.count
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return (rc, o.count - outLeft)
            }
        }
        if status == -1 { throw TranscodingError.invalid(offset: 0) }
        return Array(output[0..<produced])
    }
}
