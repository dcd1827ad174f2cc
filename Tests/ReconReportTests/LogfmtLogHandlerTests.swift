import Foundation
import Logging
import Testing
@testable import ReconReport

@Suite struct LogfmtLogHandlerTests {
    @Test func aLineHasUTCTimeLevelMessageAndSortedKeys() {
        let time = Date(timeIntervalSince1970: 1_795_000_000.25)   // 2026-11-18T11:06:40.250Z
        let line = LogfmtLogHandler.line(time: time, level: .info, message: "run completed",
                                         metadata: ["run": "41", "date": "2026-11-23", "breaks": "12"])
        #expect(line == "2026-11-18T11:06:40.250Z level=info msg=\"run completed\" breaks=12 date=2026-11-23 run=41")
    }

    @Test func valuesWithSpacesQuotesEqualsOrLineBreaksAreQuotedAndEscaped() {
        #expect(LogfmtLogHandler.quoted("plain") == "plain")
        #expect(LogfmtLogHandler.quoted("") == "\"\"")
        #expect(LogfmtLogHandler.quoted("a b") == "\"a b\"")
        #expect(LogfmtLogHandler.quoted("k=v") == "\"k=v\"")
        #expect(LogfmtLogHandler.quoted("say \"hi\"\nback\\slash") == "\"say \\\"hi\\\"\\nback\\\\slash\"")
    }

    @Test func theHandlerWritesOnlyAtOrAboveItsLevelWithItsOwnMetadata() {
        let lines = LineSink()
        var handler = LogfmtLogHandler(level: .notice) { lines.append($0) }
        handler[metadataKey: "job"] = "nightly"
        let logger = Logger(label: "test", factory: { _ in handler })
        logger.info("hidden")
        logger.error("bank file missing", metadata: ["date": "2026-11-03"])
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.hasSuffix(" level=error msg=\"bank file missing\" date=2026-11-03 job=nightly") == true)
    }
}

/// Collects written lines (the handler's write closure is `@Sendable`).
final class LineSink: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ s: String) { lock.withLock { lines.append(s) } }
    var all: [String] { lock.withLock { lines } }
}
