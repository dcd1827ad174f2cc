/// Passes bytes through from another source while computing their SHA-256 and count: the digest of a
/// file as stored, whatever decoding happens after.
package final class DigestingSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private var digest = StreamDigest()

    package init(_ inner: Inner) { self.inner = inner }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let n = try inner.read(into: buffer)
        if n > 0 { digest.update(UnsafeBufferPointer(rebasing: buffer[0..<n])) }
        return n
    }

    /// Bytes read so far.
    package var byteCount: Int { digest.bytes }

    /// Lower-case hex SHA-256 of the bytes read so far; call once, at the end.
    package func sha256() -> String {
        let d = digest
        return d.hex()
    }
}
