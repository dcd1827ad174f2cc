import Testing
import ReconFormats
@testable import ReconReport

@Suite struct ProgressLineTests {
    func reading(bytes: Int, of total: Int, rows: Int, after seconds: Double) -> RunProgress.Snapshot {
        RunProgress.Snapshot(phase: .reading, bytesRead: bytes, totalBytes: total, rows: rows, seconds: seconds, phaseSeconds: seconds)
    }

    @Test func theBarShowsShareRowsRateAndTimeLeftWhileReading() {
        let line = ProgressLine.bar(reading(bytes: 250, of: 1000, rows: 2_000_000, after: 2), width: 100)
        #expect(line.hasPrefix("read  [##########------------------------------]"))
        #expect(line.contains(" 25%  2.0M rows  1.0M rows/s  ETA 6s"))
    }

    @Test func theBarFitsTheTerminalWidth() {
        for width in [40, 60, 80, 200] {
            #expect(ProgressLine.bar(reading(bytes: 1, of: 3, rows: 12_345, after: 65), width: width).count <= width)
        }
    }

    @Test func logFieldsCarryTheSameFiguresAsTheBar() {
        let f = Dictionary(uniqueKeysWithValues: ProgressLine.fields(reading(bytes: 500, of: 1000, rows: 3_000, after: 1.5)))
        #expect(f["phase"] == "read" && f["percent"] == "50" && f["rows"] == "3000" && f["rows_per_s"] == "2000")
        #expect(f["eta_s"] == "2")
        let matching = RunProgress.Snapshot(phase: .matching, bytesRead: 1000, totalBytes: 1000, rows: 3_000, seconds: 4, phaseSeconds: 0.5)
        let m = Dictionary(uniqueKeysWithValues: ProgressLine.fields(matching))
        #expect(m["phase"] == "match" && m["phase_s"] == "0.5" && m["eta_s"] == nil)
    }

    @Test func countsAndDurationsReadAtAGlance() {
        #expect(ProgressLine.count(950) == "950" && ProgressLine.count(12_300) == "12.3k" && ProgressLine.count(7_600_000) == "7.6M")
        #expect(ProgressLine.duration(4) == "4s" && ProgressLine.duration(125) == "2m05s" && ProgressLine.duration(3720) == "1h02m")
    }

    @Test func aNewRunStartsTheCountersAgain() {
        let p = RunProgress()
        p.begin(totalBytes: 100)
        p.fileBytes(40); p.addRows(7); p.fileDone(bytes: 50, rows: 9)
        #expect(p.snapshot().bytesRead == 50 && p.snapshot().rows == 9, "a finished file's own counts replace its running ones")
        p.begin(totalBytes: 10)
        let s = p.snapshot()
        #expect(s.bytesRead == 0 && s.rows == 0 && s.totalBytes == 10 && s.phase == .reading)
    }
}
