import Foundation
import Testing
import ReconTestSupport
@testable import ReconFormats

func scanAll(_ text: String, step: Int = 1 << 20, chunk: Int = 1 << 22) throws -> [(Int, [String])] {
    var source = MemorySource(text, step: step)
    var rows: [(Int, [String])] = []
    let scanner = CSVScanner(chunkBytes: chunk)
    try scanner.scan(&source, path: "mem.csv") { record in
        rows.append((record.line, (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }))
    }
    return rows
}

@Suite struct CSVScannerTests {
    @Test func splitsPlainRecordsAndCountsLines() throws {
        let rows = try scanAll("a,b,c\n1,2,3\n\n4,,6\n")
        #expect(rows.map(\.1) == [["a", "b", "c"], ["1", "2", "3"], ["4", "", "6"]])
        #expect(rows.map(\.0) == [1, 2, 4])
    }

    @Test func handlesQuotesEscapesAndEmbeddedLineBreaks() throws {
        let rows = try scanAll("x,\"a, b\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2,\"\"\nlast,1,2")
        #expect(rows.map(\.1) == [["x", "a, b", "say \"hi\""], ["multi\nline", "2", ""], ["last", "1", "2"]])
        #expect(rows.map(\.0) == [1, 2, 4])
    }

    @Test func skipsAUTF8ByteOrderMarkAndAcceptsCRLF() throws {
        let rows = try scanAll("\u{FEFF}h1,h2\r\nv1,v2\r\n")
        #expect(rows.map(\.1) == [["h1", "h2"], ["v1", "v2"]])
    }

    @Test func resultsDoNotDependOnHowTheInputIsChunked() throws {
        var text = "id,name,amount\n"
        for i in 0..<500 {
            switch i % 4 {
            case 0: text += "\(i),\"name, \(i) \"\"q\"\"\",\(i).50\n"
            case 1: text += "\(i),\"plain, quoted \(i)\",\"\(i).50\"\r\n"
            case 2: text += "\(i),\"two\nlines \(i)\",\(i).50\n"
            default: text += "\(i),\"\",\(i).50\n"
            }
        }
        let whole = try scanAll(text)
        for (step, chunk) in [(1, 64 * 1024), (7, 64 * 1024), (4096, 64 * 1024), (100_000, 1 << 22)] {
            let pieces = try scanAll(text, step: step, chunk: chunk)
            #expect(pieces.map(\.1) == whole.map(\.1))
            #expect(pieces.map(\.0) == whole.map(\.0))
        }
        #expect(whole.count == 501)
        #expect(whole[2].1 == ["1", "plain, quoted 1", "1.50"])
        #expect(whole[3].1 == ["2", "two\nlines 2", "2.50"])
        #expect(whole[4].0 == 6, "the record after a two-line field (lines 4-5) starts on line 6")
        #expect(whole[4].1 == ["3", "", "3.50"])
    }

    @Test func reportsAnUnclosedQuoteWithItsLine() throws {
        #expect(throws: InputError.badRecord(path: "mem.csv", line: 2, field: nil,
                                             reason: "quoted field not closed before end of file")) {
            _ = try scanAll("a,b\n\"open,1\n2,3\n")
        }
    }

    @Test func refusesARecordLongerThanTheLimit() throws {
        var source = MemorySource(String(repeating: "x", count: 300_000) + "\n")
        let scanner = CSVScanner(maxRecordBytes: 100_000, chunkBytes: 64 * 1024)
        #expect(throws: InputError.lineTooLong(path: "big.csv", line: 1, limit: 100_000)) {
            try scanner.scan(&source, path: "big.csv") { _ in }
        }
    }

    /// The scanner on a real bank export (OCA, French style: preamble, quoted comma decimals).
    @Test func scansARealBankCSVFromTheSharedSamples() throws {
        let path = SharedSamples.path("csv/oca_meta_data_separated_credit_debit.csv")
        guard let path else { return }
        var source = try FileByteSource(path: path)
        var rows: [[String]] = []
        try CSVScanner().scan(&source, path: path) { r in
            rows.append((0..<r.count).map { String(decoding: r[$0], as: UTF8.self) })
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let nonEmptyLines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(rows.count == nonEmptyLines.count)
        #expect(rows.contains { $0.contains("-50,00") })
    }
}

