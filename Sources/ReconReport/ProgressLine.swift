import Foundation
import ReconFormats

/// Renders a run's progress: a bar for a terminal, or fields for a log line (cron).
///
/// While reading, the share done is the share of input bytes read (stored bytes, so a gzip file
/// counts by its compressed size), the rate is rows per second so far, and the time left assumes
/// the rest reads as fast as what came before. Matching and writing show their elapsed time.
package enum ProgressLine {
    /// One terminal line, at most `width` columns, e.g.
    /// `read  [########--------------]  38%  7.6M rows  2.1M rows/s  ETA 4s`.
    package static func bar(_ s: RunProgress.Snapshot, width: Int = 80) -> String {
        let share = fraction(s)
        let tail: String
        switch s.phase {
        case .reading:
            var t = String(format: " %3d%%  %@ rows  %@ rows/s", Int(share * 100), count(s.rows), count(Int(rate(s))))
            if let eta = eta(s) { t += "  ETA " + duration(eta) }
            tail = t
        case .matching, .writing:
            tail = String(format: " %@ rows  %@ for %@", count(s.rows), s.phase == .matching ? "matching" : "writing reports",
                          duration(s.phaseSeconds))
        case .done:
            tail = " \(count(s.rows)) rows  done in \(duration(s.seconds))"
        }
        let label = s.phase.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
        let room = max(10, min(40, width - label.count - tail.count - 3))
        let filled = s.phase == .reading ? Int((share * Double(room)).rounded(.down)) : room
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: room - filled) + "]"
        return String((label + bar + tail).prefix(width))
    }

    /// The fields of a periodic log line, in order.
    package static func fields(_ s: RunProgress.Snapshot) -> [(String, String)] {
        var f: [(String, String)] = [("phase", s.phase.rawValue), ("rows", String(s.rows)),
                                     ("elapsed_s", String(format: "%.1f", s.seconds))]
        if s.phase == .reading {
            f.append(("percent", String(Int(fraction(s) * 100))))
            f.append(("bytes", String(s.bytesRead)))
            f.append(("total_bytes", String(s.totalBytes)))
            f.append(("rows_per_s", String(Int(rate(s)))))
            if let eta = eta(s) { f.append(("eta_s", String(Int(eta.rounded(.up))))) }
        } else {
            f.append(("phase_s", String(format: "%.1f", s.phaseSeconds)))
        }
        return f
    }

    static func fraction(_ s: RunProgress.Snapshot) -> Double {
        s.totalBytes > 0 ? min(1, Double(s.bytesRead) / Double(s.totalBytes)) : 0
    }

    /// Rows per second over the reading so far.
    static func rate(_ s: RunProgress.Snapshot) -> Double {
        s.phaseSeconds > 0 ? Double(s.rows) / s.phaseSeconds : 0
    }

    /// Seconds left in the reading phase, once there is something to go by.
    static func eta(_ s: RunProgress.Snapshot) -> Double? {
        let share = fraction(s)
        guard share > 0.01, s.phaseSeconds > 0.2 else { return nil }
        return s.phaseSeconds * (1 - share) / share
    }

    /// 950, 12.3k, 7.6M.
    static func count(_ n: Int) -> String {
        switch n {
        case ..<1000: return String(n)
        case ..<1_000_000: return String(format: "%.1fk", Double(n) / 1e3)
        default: return String(format: "%.1fM", Double(n) / 1e6)
        }
    }

    /// 4s, 2m05s, 1h02m.
    static func duration(_ seconds: Double) -> String {
        let t = Int(seconds.rounded())
        if t < 60 { return "\(t)s" }
        if t < 3600 { return String(format: "%dm%02ds", t / 60, t % 60) }
        return String(format: "%dh%02dm", t / 3600, (t % 3600) / 60)
    }
}
