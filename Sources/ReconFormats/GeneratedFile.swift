#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a generated file (the format writers' output) under a temporary name and renames it into
/// place when complete: a failed or killed writer never leaves half a file.
enum GeneratedFile {
    static func write(to outPath: String, _ body: (ByteFileWriter) throws -> Void) throws {
        let temporary = outPath + ".tmp-\(getpid())"
        do {
            let file = try ByteFileWriter(path: temporary)
            try body(file)
            try file.flush()
        } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, outPath) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError.cannotOpen(path: outPath, reason: "cannot rename \(temporary) into place: \(reason)")
        }
    }
}
