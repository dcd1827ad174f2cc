import Dispatch
import Foundation
import ReconCore

/// SIGTERM (systemd's stop, `kill`) and SIGINT (Ctrl-C) stop a run cleanly: the temporaries being
/// written are removed and the registered actions run (the nightly job closes its run as
/// `interrupted` and releases its lock), then the process exits with 128 + the signal (143, 130).
/// Reports already renamed into place and runs already recorded stay as they are.
enum StopSignals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                ReconLog.logger.warning("stopped by a signal", metadata: ["signal": "\(sig == SIGTERM ? "SIGTERM" : "SIGINT")",
                                                                       "exit_code": "\(128 + sig)"])
                Cleanup.runAll()
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
