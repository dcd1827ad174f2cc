import Foundation

/// What a run has done so far, for a progress display: the phase, bytes of input read against
/// their total, and rows read. Readers update it a few times per second at most (once per parse
/// round or file), a display samples it from its own thread; a lock keeps the two apart.
public final class RunProgress: @unchecked Sendable {
    /// The phases of a run, in order.
    public enum Phase: String, Sendable { case reading = "read", matching = "match", writing = "write", done }

    /// A consistent copy of the counters.
    public struct Snapshot: Sendable, Equatable {
        public var phase: Phase
        public var bytesRead: Int
        public var totalBytes: Int
        public var rows: Int
        public var seconds: Double
        /// Seconds since the current phase began.
        public var phaseSeconds: Double

        public init(phase: Phase, bytesRead: Int, totalBytes: Int, rows: Int, seconds: Double, phaseSeconds: Double) {
            self.phase = phase; self.bytesRead = bytesRead; self.totalBytes = totalBytes
            self.rows = rows; self.seconds = seconds; self.phaseSeconds = phaseSeconds
        }
    }

    private let lock = NSLock()
    private var phase = Phase.reading
    private var totalBytes = 0
    private var bytesOfFinishedFiles = 0
    private var bytesOfCurrentFile = 0
    private var rowsOfFinishedFiles = 0
    private var rowsOfCurrentFile = 0
    private var start = ContinuousClock.now
    private var phaseStart = ContinuousClock.now

    public init(totalBytes: Int = 0) { self.totalBytes = totalBytes }

    /// Starts a run (the nightly job runs several through one display): counters back to zero, the
    /// total stored size of its inputs, and the reading phase.
    public func begin(totalBytes n: Int) {
        lock.withLock {
            totalBytes = n
            start = ContinuousClock.now
            bytesOfFinishedFiles = 0; bytesOfCurrentFile = 0
            rowsOfFinishedFiles = 0; rowsOfCurrentFile = 0
            phase = .reading
            phaseStart = ContinuousClock.now
        }
    }

    /// Stored bytes of the file being read so far.
    public func fileBytes(_ n: Int) { lock.withLock { bytesOfCurrentFile = n } }

    /// Rows of the file being read merged into the run's tables since the last call.
    public func addRows(_ n: Int) { lock.withLock { rowsOfCurrentFile += n } }

    /// A file is read: its counts become final (whatever its reader reported on the way).
    public func fileDone(bytes: Int, rows: Int) {
        lock.withLock {
            bytesOfFinishedFiles += bytes; rowsOfFinishedFiles += rows
            bytesOfCurrentFile = 0; rowsOfCurrentFile = 0
        }
    }

    public func enter(_ p: Phase) {
        lock.withLock {
            phase = p
            phaseStart = ContinuousClock.now
        }
    }

    public func snapshot() -> Snapshot {
        lock.withLock {
            let now = ContinuousClock.now
            return Snapshot(phase: phase, bytesRead: bytesOfFinishedFiles + bytesOfCurrentFile, totalBytes: totalBytes,
                            rows: rowsOfFinishedFiles + rowsOfCurrentFile, seconds: Self.seconds(now - start),
                            phaseSeconds: Self.seconds(now - phaseStart))
        }
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
