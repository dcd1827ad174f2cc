/// A source that first replays bytes already read (to sniff a format), then continues with the rest.
package final class PrefixedSource<Inner: ByteSource>: ByteSource {
    private var prefix: [UInt8]
    private var offset = 0
    private var inner: Inner

    package init(prefix: [UInt8], rest: Inner) {
        self.prefix = prefix
        self.inner = rest
    }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if offset < prefix.count {
            let n = min(buffer.count, prefix.count - offset)
            for i in 0..<n { buffer[i] = prefix[offset + i] }
            offset += n
            if offset == prefix.count { prefix = [] ; offset = Int.max }
            return n
        }
        return try inner.read(into: buffer)
    }
}
