/// Converts a byte stream in some ``TextEncoding`` to UTF-8 as it is read, with constant memory.
/// A sequence split across chunks is carried over; an invalid one stops with its byte offset.
package final class TranscodingSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let transcoder: Transcoder
    private let path: String
    private var pending: [UInt8] = []      // undecoded input
    private var output: [UInt8] = []       // decoded, not yet handed out
    private var outputOffset = 0
    private var consumedBefore = 0         // input bytes fully decoded before `pending`
    private var eof = false
    private var readBuffer: [UInt8]

    package init(_ inner: Inner, encoding: TextEncoding, path: String, chunkBytes: Int = 1 << 20) throws {
        self.inner = inner
        self.path = path
        transcoder = try Transcoder(from: encoding)
        readBuffer = [UInt8](repeating: 0, count: chunkBytes)
    }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        while outputOffset >= output.count {
            if eof && pending.isEmpty { return 0 }
            output.removeAll(keepingCapacity: true)
            outputOffset = 0
            if !eof {
                let n = try readBuffer.withUnsafeMutableBufferPointer { try inner.read(into: $0) }
                if n == 0 { eof = true } else { pending.append(contentsOf: readBuffer[0..<n]) }
            }
            let (used, status) = pending.withUnsafeBufferPointer { transcoder.convertSome($0, appendingTo: &output, final: eof) }
            if status == .invalid {
                throw InputError.badRecord(path: path, line: 0, field: nil,
                                           reason: "not valid \(transcoder.encoding.rawValue) text at byte \(consumedBefore + used)")
            }
            consumedBefore += used
            pending.removeFirst(used)
            if eof && status == .incomplete { pending.removeAll() }
        }
        let n = min(buffer.count, output.count - outputOffset)
        output.withUnsafeBufferPointer { o in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<n]).initialize(from: o[outputOffset..<(outputOffset + n)])
        }
        outputOffset += n
        return n
    }
}
