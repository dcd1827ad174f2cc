import Foundation
import ReconCore
#if canImport(Glibc)
import Glibc
#endif

/// Watches the process's resident memory from a thread of its own while matching runs (the passes
/// cannot stop part-way and throw): when it passes the ceiling, `exceeded` is called with the error,
/// then `terminate`, which the command line supplies (it ends the process with exit code 2; the
/// library never exits). Nothing has been written to the reports by then
/// (they are written after matching), and the run store's lock of a dead process is taken over by
/// the next run, so nothing is left half done.
final class MemoryWatch: Sendable {
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts watching; call ``stop()`` when the phase is over.
    ///
    /// - Parameters:
    ///   - interval: time between two looks at the resident memory.
    ///   - exceeded: told the error (to log it) just before the process exits.
    ///   - terminate: what the caller does then (the command line ends the process; tests watch
    ///     without exiting, and the thread then stops).
    init(ceiling: MemoryCeiling, phase: String, interval: DispatchTimeInterval = .milliseconds(5),
         exceeded: @escaping @Sendable (ResourceError) -> Void,
         terminate: @escaping @Sendable () -> Void) {
        let thread = Thread { [stopped, finished] in
            defer { finished.signal() }
            while stopped.wait(timeout: .now() + interval) == .timedOut {
                do {
                    try ceiling.check(phase)
                } catch let error as ResourceError {
                    exceeded(error)
                    terminate()
                    return
                } catch {}
            }
        }
        thread.name = "recon memory watch"
        thread.start()
    }

    /// Stops watching and waits for the thread to end.
    func stop() {
        stopped.signal()
        finished.wait()
    }
}
