import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sub-phase timings on standard error, for profiling a run (`RECON_TRACE=1`): wall time and the
/// process's CPU time (user + system) since the previous mark, so that idle cores show.
public final class Trace: @unchecked Sendable {
    private let enabled: Bool
    private var last = ContinuousClock.now
    private var lastCPU = Trace.cpuSeconds()
    private var lastFaults = Trace.pageFaults()

    public init(enabled: Bool) { self.enabled = enabled }

    /// Prints the time since the previous mark.
    public func mark(_ what: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let cpu = Trace.cpuSeconds()
        let d = now - last
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        let faults = Trace.pageFaults()
        let line = String(format: "recon: trace %@ %.3fs (cpu %.3fs, %d page faults)\n", what, s, cpu - lastCPU, faults - lastFaults)
        last = now
        lastCPU = cpu
        lastFaults = faults
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Minor page faults of the whole process so far (each one a fresh page zeroed or mapped).
    static func pageFaults() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_minflt
    }

    /// User plus system CPU seconds of the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
