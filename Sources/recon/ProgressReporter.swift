import ArgumentParser
import Dispatch
import Foundation
import Logging
import ReconFormats
import ReconReport
import ReconRun

/// Shows a run's progress while it goes: on a terminal a bar redrawn five times a second (rows/s and
/// ETA), otherwise (cron, a pipe, a file) an `info` log line `msg=progress` every `interval` seconds.
final class ProgressReporter: @unchecked Sendable {
    enum Mode: String, CaseIterable, ExpressibleByArgument { case auto, bar, log, off }

    let progress = RunProgress()
    private let timer: DispatchSourceTimer?
    private let queue = DispatchQueue(label: "recon.progress")
    private let useBar: Bool

    init(mode: Mode, interval: Double) {
        let resolved = mode == .auto ? (Console.isInteractive ? Mode.bar : .log) : mode
        useBar = resolved == .bar
        guard resolved != .off else { timer = nil; return }
        let t = DispatchSource.makeTimerSource(queue: queue)
        let period = useBar ? 0.2 : max(0.01, interval)
        t.schedule(deadline: .now() + period, repeating: period)
        let progress = self.progress, useBar = self.useBar
        t.setEventHandler {
            let s = progress.snapshot()
            if s.phase == .done { return }
            if useBar {
                Console.shared.setBar(ProgressLine.bar(s, width: Self.terminalWidth()))
            } else {
                var metadata: Logger.Metadata = [:]
                for (k, v) in ProgressLine.fields(s) { metadata[k] = .string(v) }
                ReconLog.logger.info("progress", metadata: metadata)
            }
        }
        t.resume()
        timer = t
    }

    /// Stops the display and removes the bar.
    func stop() {
        guard let timer else { return }
        timer.cancel()
        // Wait for a tick in progress, then clear the line it may have drawn.
        queue.sync {}
        if useBar { Console.shared.setBar(nil) }
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
