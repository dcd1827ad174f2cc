#if canImport(Glibc)
import Glibc
#endif
import ReconCore

/// An input file opened for reading: decompressed when it is gzip (by magic bytes, not by name),
/// with its first bytes available for format detection and its SHA-256 computed as it is read.
package final class OpenedInput: ByteSource {
    package let path: String
    /// Whether the stored file is gzip.
    package let compressed: Bool
    /// Up to the first 64 KiB of the decoded content (for detection and `inspect`).
    package let head: [UInt8]
    private let digesting: DigestingSource<FileByteSource>
    private var decoded: any ByteSource
    private var readAhead: ReadAheadSource?
    private var headOffset = 0
    /// Where reading progress goes (stored bytes and rows), when a display wants it.
    package var progress: RunProgress?
    private var consumed = 0

    /// The memory ceiling checked while the content is read (every 2 MiB handed out), so that a run
    /// too big for it stops inside the file with ``ResourceError/memoryCeiling(limit:held:phase:)``.
    package let memoryCeiling: MemoryCeiling?
    private var uncheckedBytes = 0

    /// Opens `path`; `limits` gives the gzip expansion limit (a gzip bomb stops with a clear error
    /// instead of filling memory or disk) and the memory ceiling.
    package init(path: String, limits: RunLimits = RunLimits()) throws {
        self.path = path
        self.memoryCeiling = limits.memory
        let file = try FileByteSource(path: path)
        let size = file.size
        let digesting = DigestingSource(file)
        self.digesting = digesting
        var magic = [UInt8](repeating: 0, count: 2)
        var got = 0
        while got < 2 {
            let n = try magic.withUnsafeMutableBufferPointer {
                try digesting.read(into: UnsafeMutableBufferPointer(rebasing: $0[got...]))
            }
            if n == 0 { break }
            got += n
        }
        magic.removeLast(2 - got)
        compressed = magic == [0x1F, 0x8B]
        plainSize = compressed || size == 0 ? nil : size
        storedSize = size
        let raw = PrefixedSource(prefix: magic, rest: digesting)
        var decoded: any ByteSource = compressed
            ? try GzipByteSource(raw, path: path,
                                 maxOutputBytes: limits.gzipLimit(compressedSize: size))
            : raw
        var head = [UInt8](repeating: 0, count: 64 * 1024)
        var filled = 0
        while filled < head.count {
            let n = try head.withUnsafeMutableBufferPointer {
                try decoded.read(into: UnsafeMutableBufferPointer(rebasing: $0[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        head.removeLast(head.count - filled)
        self.head = head
        self.decoded = decoded
    }

    /// Reads the decoded content from its start: the head first, then the rest.
    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if headOffset < head.count {
            let n = min(buffer.count, head.count - headOffset)
            head.withUnsafeBufferPointer { h in
                _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<n]).initialize(from: h[headOffset..<(headOffset + n)])
            }
            headOffset += n
            return n
        }
        if readAhead == nil {
            // From here on a thread of its own reads (and hashes, and inflates) ahead of the parser.
            let digesting = self.digesting
            readAhead = ReadAheadSource(decoded, progress: { digesting.byteCount })
        }
        let n = try readAhead!.read(into: buffer)
        if let memoryCeiling {
            uncheckedBytes += n
            if uncheckedBytes >= 2 << 20 {
                uncheckedBytes = 0
                try memoryCeiling.check("while reading \(path)")
            }
        }
        if let progress {
            // Stored bytes the reader has taken so far: decoded bytes handed out, scaled by the ratio
            // of stored to decoded bytes the read-ahead has seen (1 for a plain file).
            consumed += n
            if let (decoded, stored) = readAhead?.counts, decoded > 0 {
                progress.fileBytes(Int(Double(consumed) * Double(stored) / Double(decoded)))
            }
        }
        return n
    }

    package func didRead(rows: Int) { progress?.addRows(rows) }

    /// SHA-256 of the file as stored; valid once everything has been read.
    package func sha256() -> String {
        readAhead = nil
        return digesting.sha256()
    }

    /// A plain file's size (its decoded size, known before reading); nil for gzip.
    private let plainSize: Int?
    private let storedSize: Int

    /// A plain file's size, or for gzip the stored size times the compression ratio seen so far.
    package var decodedSizeEstimate: Int? {
        if let plainSize { return plainSize }
        guard storedSize > 0, let (decoded, stored) = readAhead?.counts, decoded > 0, stored > 0 else { return nil }
        return Int(Double(decoded) / Double(stored) * Double(storedSize))
    }

    /// Bytes of the stored file read so far.
    package var storedBytes: Int { digesting.byteCount }
}
