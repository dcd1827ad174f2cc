#if canImport(Glibc)
import Glibc
#endif

/// Converts text from a ``TextEncoding`` to UTF-8 with iconv. A byte sequence that is not valid in
/// the source encoding is an error naming its offset, never a silent replacement.
public final class Transcoder {
    public let encoding: TextEncoding
    private let cd: iconv_t

    public init(from encoding: TextEncoding) throws {
        self.encoding = encoding
        cd = iconv_open("UTF-8", encoding.iconvName)
        if cd == iconv_t(bitPattern: -1) {
            throw InputError.cannotOpen(path: encoding.rawValue, reason: "iconv cannot convert \(encoding.rawValue) to UTF-8")
        }
    }

    deinit { iconv_close(cd) }

    /// Converts a complete piece of text (a field). Throws `.invalid(offset)` on a bad sequence.
    public func convert(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) throws {
        iconv(cd, nil, nil, nil, nil)
        let (consumed, status) = convertSome(bytes, appendingTo: &out, final: true)
        if status != .done { throw TranscodingError.invalid(offset: consumed) }
    }

    /// Converts a complete byte array to a `String`, for messages and statement metadata.
    public func string(_ bytes: [UInt8]) throws -> String {
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
public enum TranscodingError: Error, Equatable {
    /// An invalid or incomplete sequence at this byte offset of the converted piece.
    case invalid(offset: Int)
}
