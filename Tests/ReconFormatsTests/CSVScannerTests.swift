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

    @Test func reportsAnUnclosedQuoteWithTheLineItOpensOn() throws {
        #expect(throws: InputError.malformedCSV(path: "mem.csv", line: 2, reason: "the quote opened on this line is not closed before the end of the file: the line after it would be part of that field (a stray quote, or a file cut off?)")) {
            _ = try scanAll("a,b\n\"open,1\n2,3\n")
        }
        #expect(throws: InputError.malformedCSV(path: "mem.csv", line: 4, reason: "the quote opened on this line is not closed before the end of the file (a stray quote, or a file cut off?)")) {
            _ = try scanAll("a,b\n1,\"two\nlines\"\n2,\"open\n")
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

    /// Random records (short and long fields, empty fields, quoted fields with delimiters, doubled
    /// quotes and line breaks, CRLF, blank lines, no final line break) through the word-at-a-time
    /// scanner, streamed in odd chunk sizes and as one block, against a straightforward reference.
    @Test func randomRecordsMatchAReferenceSplitterForEveryDelimiter() throws {
        var rng = SplitMix64(seed: 7)
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")] {
            let d = Character(UnicodeScalar(delimiter))
            var text = ""
            var expected: [(Int, [String])] = []
            var line = 1
            for _ in 0..<400 {
                if rng.next() % 11 == 0 { text += rng.next() % 2 == 0 ? "\n" : "\r\n"; line += 1; continue }
                var fields: [String] = []
                var cells: [String] = []
                var spanned = 0
                for _ in 0..<Int(1 + rng.next() % 12) {
                    let length = Int(rng.next() % 4 == 0 ? rng.next() % 40 : rng.next() % 9)
                    var value = String((0..<length).map { _ in Character(UnicodeScalar(UInt8(97 + rng.next() % 26))) })
                    switch rng.next() % 6 {
                    case 0:
                        value = "x\(d)y" + value
                        cells.append("\"" + value + "\"")
                    case 1:
                        value = "say \"hi\"" + value
                        cells.append("\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                    case 2:
                        value = "two\nlines" + value
                        spanned += 1
                        cells.append("\"" + value + "\"")
                    default:
                        cells.append(value)
                    }
                    fields.append(value)
                }
                if fields.count == 1 && fields[0].isEmpty { continue }
                expected.append((line, fields))
                text += cells.joined(separator: String(d)) + (rng.next() % 3 == 0 ? "\r\n" : "\n")
                line += 1 + spanned
            }
            text += "tail\(d)no\(d)newline"
            expected.append((line, ["tail", "no", "newline"]))
            for (step, chunk) in [(1 << 20, 1 << 22), (13, 64 * 1024), (4093, 64 * 1024)] {
                var source = MemorySource(text, step: step)
                var rows: [(Int, [String])] = []
                try CSVScanner(delimiter: delimiter, chunkBytes: chunk).scan(&source, path: "r.csv") { r in
                    rows.append((r.line, (0..<r.count).map { String(decoding: r[$0], as: UTF8.self) }))
                }
                #expect(rows.map(\.1) == expected.map(\.1), "delimiter \(delimiter), step \(step)")
                #expect(rows.map(\.0) == expected.map(\.0), "delimiter \(delimiter), step \(step)")
            }
            var bytes = Array(text.utf8)
            var blockRows: [[String]] = []
            _ = try bytes.withUnsafeMutableBufferPointer { b in
                try CSVScanner(delimiter: delimiter).scanBlock(UnsafeBufferPointer(b), path: "r.csv", firstLine: 1) { r in
                    blockRows.append((0..<r.count).map { String(decoding: r[$0], as: UTF8.self) })
                }
            }
            #expect(blockRows == expected.map(\.1))
        }
    }
}
