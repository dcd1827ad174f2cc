import ReconCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file under a temporary name beside it and renames it into place on ``commit()``, so a
/// crash or an error never leaves half a report under the final name.
package final class AtomicFileWriter {
    package let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    package init(path: String) throws {
        self.path = path
        temporaryPath = path + Cleanup.suffix()
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        Cleanup.temporary(temporaryPath)
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporaryPath)
        }
        Cleanup.done(temporaryPath)
    }

    /// Appends bytes; they reach the disk in large writes.
    package func write(_ bytes: [UInt8]) throws {
        if bytes.count >= flushThreshold {
            try flush()
            try writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    package func write(_ string: String) throws { try write(Array(string.utf8)) }

    /// Appends the bytes of a buffer the caller owns, written straight through (after what is pending).
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try flush()
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Gives direct access to the pending buffer for writers that build rows in place.
    package func withBuffer(_ body: (inout [UInt8]) throws -> Void) throws {
        try body(&buffer)
        if buffer.count >= flushThreshold { try flush() }
    }

    private func flush() throws {
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Flushes, syncs and renames the file into place.
    package func commit() throws {
        try flush()
        if fsync(fd) != 0 || close(fd) != 0 {
            fd = -1
            unlink(temporaryPath)
            throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        fd = -1
        if rename(temporaryPath, path) != 0 {
            unlink(temporaryPath)
            throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
