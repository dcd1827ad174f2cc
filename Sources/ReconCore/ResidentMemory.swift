#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory this process holds in RAM now (its resident set), as the kernel counts it.
public enum ResidentMemory {
    /// Resident bytes, from `/proc/self/statm` on Linux (a few microseconds: no allocation beyond a
    /// 64-byte buffer); the peak so far (`getrusage`) where that file does not exist.
    public static func bytes() -> Int {
        #if os(Linux)
        let fd = open("/proc/self/statm", O_RDONLY)
        if fd >= 0 {
            defer { close(fd) }
            var buffer = (Int64(0), Int64(0), Int64(0), Int64(0), Int64(0), Int64(0), Int64(0), Int64(0))
            let n = withUnsafeMutableBytes(of: &buffer) { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                // "size resident shared ...": the second number, in pages.
                let pages = withUnsafeBytes(of: &buffer) { raw -> Int in
                    var field = 0, value = 0
                    for byte in raw.prefix(n) {
                        if byte == UInt8(ascii: " ") {
                            field += 1
                            if field == 2 { break }
                        } else if field == 1, byte >= 0x30, byte <= 0x39 {
                            value = value * 10 + Int(byte - 0x30)
                        }
                    }
                    return value
                }
                return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
            }
        }
        #endif
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }
}
