import Testing
import ReconTestSupport
@testable import ReconFormats

@Suite struct FixedWidthRecordSplitterTests {
    /// Every record with its number and offset, as text.
    func split(_ text: String, step: Int, maxLineBytes: Int = 1 << 20) throws -> [String] {
        var splitter = FixedWidthRecordSplitter(recordLength: 10, path: "f.txt")
        splitter.chunkBytes = 16
        splitter.maxLineBytes = maxLineBytes
        var source = MemorySource(text, step: step)
        var out: [String] = []
        try splitter.split(&source) { r in out.append("\(r.number)@\(r.offset):\(String(decoding: r.bytes, as: UTF8.self))") }
        return out
    }

    @Test func aLineLongerThanTheBufferGrowsItAndKeepsNumbersAndOffsets() throws {
        let long = String(repeating: "x", count: 150_000)
        let text = "0123456789\n\(long)\r\n\nabcdefghij\n"
        for step in [7, 4096, 1 << 20] {
            let got = try split(text, step: step)
            #expect(got == ["1@0:0123456789", "2@11:\(long)", "4@150014:abcdefghij"], "step \(step)")
        }
    }

    @Test func aLineOverTheLimitIsRefusedWithItsNumber() throws {
        let text = "0123456789\n" + String(repeating: "y", count: 100_000) + "\n"
        #expect(throws: InputError.lineTooLong(path: "f.txt", line: 2, limit: 70_000)) {
            _ = try split(text, step: 4096, maxLineBytes: 70_000)
        }
    }
}
