import Foundation

/// Sub-phase timings on standard error, for profiling a run (`RECON_TRACE=1`).
public final class Trace: @unchecked Sendable {
    private let enabled: Bool
    private var last = ContinuousClock.now

    public init(enabled: Bool) { self.enabled = enabled }

    /// Prints the time since the previous mark.
    public func mark(_ what: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let d = now - last
        last = now
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data("recon: trace \(what) \(String(format: "%.3f", s))s\n".utf8))
    }
}
