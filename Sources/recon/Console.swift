import Foundation
import ReconCore
import Logging
import ReconReport
import ReconRun

/// Standard error, shared by the log and the progress bar: a log line first clears the bar, then
/// the bar is drawn again below it, so the two never garble each other on a terminal.
final class Console: Sendable {
    static let shared = Console()

    /// The progress bar on the last line, if one is drawn.
    private let bar = Locked<String?>(nil)

    /// Whether standard error is a terminal that can redraw a line.
    static var isInteractive: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Writes one log line.
    func line(_ text: String) {
        bar.withLock { bar in
            var out = bar == nil ? "" : "\r\u{1B}[K"
            out += text + "\n"
            if let bar { out += bar }
            FileHandle.standardError.write(Data(out.utf8))
        }
    }

    /// Draws (or with nil removes) the progress bar on the last line.
    func setBar(_ text: String?) {
        bar.withLock { bar in
            bar = text
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
        }
    }
}

/// The command line's logger: logfmt lines on standard error (see ``LogfmtLogHandler``), at the
/// level of `RECON_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical; default info).
enum ReconLog {
    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["RECON_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { _ in LogfmtLogHandler(level: level) { Console.shared.line($0) } }
    }

    static let logger = Logger(label: "recon")
}
