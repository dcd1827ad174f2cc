import Foundation
import ReconCore
#if canImport(Glibc)
import Glibc
#endif

/// Sub-phase timings on standard error, for profiling a run (`RECON_TRACE=1`): wall time and the
/// process's CPU time (user + system) since the previous mark, so that idle cores show.
package final class Trace: Sendable {
    private let enabled: Bool
    /// The previous mark's time and usage.
    private let previous = Locked((time: ContinuousClock.now, usage: Trace.usage()))

    package init(enabled: Bool) { self.enabled = enabled }

    /// Prints the time since the previous mark.
    package func mark(_ what: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let usage = Trace.usage()
        let (last, lastUsage) = previous.withLock { p in
            defer { p = (now, usage) }
            return p
        }
        let d = now - last
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        let line = String(format: "recon: trace %@ %.3fs (cpu %.3fs, %d page faults, resident %d MiB, peak %d MiB)\n", what, s,
                          usage.cpu - lastUsage.cpu, usage.faults - lastUsage.faults, ResidentMemory.bytes() >> 20, usage.peak >> 20)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The whole process's CPU seconds so far (user plus system, every thread).
    package static func cpuSeconds() -> Double { usage().cpu }

    /// The whole process's CPU seconds (user plus system), minor page faults (each a fresh page
    /// zeroed or mapped) and peak resident bytes so far.
    static func usage() -> (cpu: Double, faults: Int, peak: Int) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_minflt, usage.ru_maxrss * 1024)
    }
}
