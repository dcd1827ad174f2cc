import CZlib

/// Compresses a file into gzip, streaming (what `recon gen --bank-formats gzip` writes, and how tests
/// make gzip inputs without a `gzip` binary).
package enum GzipFileWriter {
    /// Writes `inputPath` gzip-compressed to `outputPath` at `level` (1 fastest … 9 smallest).
    package static func compress(_ inputPath: String, to outputPath: String, level: Int32 = 6) throws {
        let source = try FileByteSource(path: inputPath)
        let out = try ByteFileWriter(path: outputPath)
        var stream = z_stream()
        // 15 + 16: a gzip header and trailer. deflateInit2 is a macro Swift cannot see.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError.cannotOpen(path: outputPath, reason: "cannot start the gzip encoder")
        }
        defer { deflateEnd(&stream) }
        var input = [UInt8](repeating: 0, count: 1 << 20)
        var output = [UInt8](repeating: 0, count: 1 << 20)
        var finished = false
        while !finished {
            let n = try input.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            let flush = n == 0 ? Z_FINISH : Z_NO_FLUSH
            try input.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = UInt32(n)
                repeat {
                    let produced: Int = output.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = UInt32(outBuf.count)
                        let rc = deflate(&stream, flush)
                        if rc == Z_STREAM_END { finished = true }
                        return outBuf.count - Int(stream.avail_out)
                    }
                    out.buffer.append(contentsOf: output[0..<produced])
                    try out.maybeFlush()
                } while stream.avail_out == 0
            }
        }
        try out.flush()
    }
}
