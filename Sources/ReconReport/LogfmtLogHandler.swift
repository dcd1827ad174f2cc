import Foundation
import Logging

/// A swift-log handler that writes one `logfmt` line per record to standard error:
///
/// `2026-11-24T02:10:07.412Z level=info msg="run completed" date=2026-11-23 run=41 breaks=12`
///
/// Keys are sorted after `msg`, values are quoted when they hold spaces, quotes or `=`, so that
/// both people and log shippers (Loki, Vector, journald) read them. Time is UTC.
package struct LogfmtLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    private let write: @Sendable (String) -> Void

    package init(level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void = LogfmtLogHandler.standardError) {
        logLevel = level
        self.write = write
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        write(Self.line(time: Date(), level: event.level, message: "\(event.message)", metadata: all))
    }

    /// The formatted line, without its line feed.
    package static func line(time: Date, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var out = timestamp(time) + " level=" + level.rawValue + " msg=" + quoted(message)
        for key in metadata.keys.sorted() {
            out += " " + key + "=" + quoted("\(metadata[key]!)")
        }
        return out
    }

    static func quoted(_ value: String) -> String {
        let needs = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.isNewline }
        guard needs else { return value }
        var out = "\""
        for c in value {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    static func timestamp(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        var seconds = time_t(t.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int((t - t.rounded(.down)) * 1000)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    @Sendable package static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
