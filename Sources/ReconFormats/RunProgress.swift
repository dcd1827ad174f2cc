import Foundation
import ReconCore

/// What a run has done so far, for a progress display: the phase, bytes of input read against
/// their total, and rows read. Readers update it a few times per second at most (once per parse
/// round or file), a display samples it from its own thread; a lock keeps the two apart.
package final class RunProgress: Sendable {
    /// The phases of a run, in order.
    package enum Phase: String, Sendable { case reading = "read", matching = "match", writing = "write", done }

    /// A consistent copy of the counters.
    package struct Snapshot: Sendable, Equatable {
        package var phase: Phase
        package var bytesRead: Int
        package var totalBytes: Int
        package var rows: Int
        package var seconds: Double
        /// Seconds since the current phase began.
        package var phaseSeconds: Double

        package init(phase: Phase, bytesRead: Int, totalBytes: Int, rows: Int, seconds: Double, phaseSeconds: Double) {
            self.phase = phase; self.bytesRead = bytesRead; self.totalBytes = totalBytes
            self.rows = rows; self.seconds = seconds; self.phaseSeconds = phaseSeconds
        }
    }

    /// The counters, shared by the readers and the display.
    private struct State {
        var phase = Phase.reading
        var totalBytes = 0
        var bytesOfFinishedFiles = 0
        var bytesOfCurrentFile = 0
        var rowsOfFinishedFiles = 0
        var rowsOfCurrentFile = 0
        var start = ContinuousClock.now
        var phaseStart = ContinuousClock.now
    }

    private let state: Locked<State>

    package init(totalBytes: Int = 0) {
        var s = State()
        s.totalBytes = totalBytes
        state = Locked(s)
    }

    /// Starts a run (the nightly job runs several through one display): counters back to zero, the
    /// total stored size of its inputs, and the reading phase.
    package func begin(totalBytes n: Int) {
        state.withLock { s in
            s = State()
            s.totalBytes = n
        }
    }

    /// Stored bytes of the file being read so far.
    package func fileBytes(_ n: Int) { state.withLock { $0.bytesOfCurrentFile = n } }

    /// Rows of the file being read merged into the run's tables since the last call.
    package func addRows(_ n: Int) { state.withLock { $0.rowsOfCurrentFile += n } }

    /// A file is read: its counts become final (whatever its reader reported on the way).
    package func fileDone(bytes: Int, rows: Int) {
        state.withLock { s in
            s.bytesOfFinishedFiles += bytes; s.rowsOfFinishedFiles += rows
            s.bytesOfCurrentFile = 0; s.rowsOfCurrentFile = 0
        }
    }

    package func enter(_ p: Phase) {
        state.withLock { s in
            s.phase = p
            s.phaseStart = ContinuousClock.now
        }
    }

    package func snapshot() -> Snapshot {
        state.withLock { s in
            let now = ContinuousClock.now
            return Snapshot(phase: s.phase, bytesRead: s.bytesOfFinishedFiles + s.bytesOfCurrentFile, totalBytes: s.totalBytes,
                            rows: s.rowsOfFinishedFiles + s.rowsOfCurrentFile, seconds: Self.seconds(now - s.start),
                            phaseSeconds: Self.seconds(now - s.phaseStart))
        }
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
