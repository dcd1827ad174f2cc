#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with plain `read(2)` calls into the caller's buffer.
package final class FileByteSource: ByteSource {
    package let path: String
    private var fd: Int32

    /// Opens `path` for reading.
    package init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        if fd < 0 { throw InputError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The file's size in bytes as stored (0 when unknown, e.g. a pipe).
    package var size: Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputError.cannotOpen(path: path, reason: "read failed: " + String(cString: strerror(errno)))
        }
    }
}
