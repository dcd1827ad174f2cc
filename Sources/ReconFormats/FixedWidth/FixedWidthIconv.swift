#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One iconv conversion with a reusable output buffer, for converting many short pieces (fields)
/// without an allocation each. Not thread-safe: one per reading or writing.
final class FixedWidthIconv {
    private let cd: iconv_t
    private var buffer: UnsafeMutableBufferPointer<UInt8>

    /// A conversion between iconv encoding names, e.g. from `GB18030` to `UTF-8`.
    init(from: String, to: String) throws {
        guard let handle = iconv_open(to, from), handle != iconv_t(bitPattern: -1) else {
            throw InputError.cannotOpen(path: from, reason: "iconv cannot convert \(from) to \(to)")
        }
        cd = handle
        buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1024)
    }

    deinit {
        iconv_close(cd)
        buffer.deallocate()
    }

    /// Converts a complete piece and appends it to `out`; throws ``TranscodingError/invalid(offset:)``
    /// at the first byte that cannot be converted (an invalid or incomplete sequence, or a character
    /// the target encoding has no code for).
    func convert(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        iconv(cd, nil, nil, nil, nil)
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var inLeft = bytes.count
        while true {
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = buffer.count
            let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            let failed = rc == -1 && errno != E2BIG
            if rc != -1 {
                // Write out any shift state (none for the encodings used here).
                _ = iconv(cd, nil, nil, &outPtr, &outLeft)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<(buffer.count - outLeft)]))
            if failed { throw TranscodingError.invalid(offset: bytes.count - inLeft) }
            if rc != -1 { return }
            if buffer.count - outLeft == 0 { // E2BIG with nothing written: grow
                let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
                buffer.deallocate()
                buffer = bigger
            }
        }
    }
}
