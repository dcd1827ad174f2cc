import CZlib

/// Inflates a gzip stream as it is read: constant memory, any number of members.
///
/// A multi-member file (several gzip streams back to back, as `cat a.gz b.gz` or parallel gzip
/// writers produce) is read through to its end: after each member's end the stream is reset, so
/// nothing after the first member is lost. Trailing zero padding after the last member is accepted.
/// An optional limit on the output size stops a decompression bomb.
package final class GzipByteSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let path: String
    private var stream = z_stream()
    private var input: UnsafeMutableBufferPointer<UInt8>
    private var inputEnd = false
    private var finished = false
    private var memberStarted = false
    /// Largest number of bytes this source will produce; nil for no limit.
    package let maxOutputBytes: Int?
    package private(set) var producedBytes = 0

    package init(_ inner: Inner, path: String, maxOutputBytes: Int? = nil, chunkBytes: Int = 1 << 18) throws {
        self.inner = inner
        self.path = path
        self.maxOutputBytes = maxOutputBytes
        input = .allocate(capacity: chunkBytes)
        // 15 + 32: zlib or gzip header, detected automatically. inflateInit2 is a macro Swift cannot see.
        let rc = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        if rc != Z_OK {
            input.deallocate()
            throw InputError.badRecord(path: path, line: 0, field: nil, reason: "cannot start gzip decoder (zlib \(rc))")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if finished || buffer.isEmpty { return 0 }
        stream.next_out = buffer.baseAddress
        stream.avail_out = UInt32(clamping: buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputEnd {
                let n = try inner.read(into: input)
                if n == 0 { inputEnd = true } else {
                    stream.next_in = input.baseAddress
                    stream.avail_in = UInt32(n)
                }
            }
            if stream.avail_in == 0 && inputEnd {
                if memberStarted {
                    throw InputError.badRecord(path: path, line: 0, field: nil,
                                               reason: "truncated gzip data: the stream ends inside a member after \(producedBytes + (buffer.count - Int(stream.avail_out))) bytes")
                }
                finished = true
                break
            }
            // Skip zero padding between or after members.
            if !memberStarted && stream.next_in.pointee == 0 {
                stream.next_in += 1
                stream.avail_in -= 1
                continue
            }
            memberStarted = true
            let rc = inflate(&stream, Z_NO_FLUSH)
            if rc == Z_STREAM_END {
                memberStarted = false
                inflateReset(&stream)
                continue
            }
            if rc == Z_BUF_ERROR { continue }
            if rc != Z_OK {
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw InputError.badRecord(path: path, line: 0, field: nil, reason: "corrupt gzip data: \(message)")
            }
        }
        let produced = buffer.count - Int(stream.avail_out)
        producedBytes += produced
        if let maxOutputBytes, producedBytes > maxOutputBytes {
            throw InputError.badRecord(path: path, line: 0, field: nil,
                                       reason: "gzip expands beyond the \(maxOutputBytes)-byte limit (a decompression bomb, or set [limits] gzip_max_ratio, gzip_min_bytes, gzip_max_bytes)")
        }
        return produced
    }
}
