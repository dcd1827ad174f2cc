import Testing
import ReconCore
import ReconFormats
@testable import ReconReport

/// The pointer-written row buffer of the break report writes what the array-based helpers write.
@Suite struct RowBufferTests {
    func text(_ body: (inout RowBuffer) -> Void, capacity: Int = 64) -> String {
        var b = RowBuffer(capacity: capacity)
        defer { b.deallocate() }
        body(&b)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    @Test(arguments: [(Int64(0), 2), (5, 2), (-5, 2), (123_456, 2), (-100, 0), (7, 3), (Int64.min, 2), (Int64.max, 4)])
    func amountsAreWrittenLikeMinorUnits(_ value: Int64, _ exponent: Int) {
        let written = text { $0.reserve(64); $0.putMinorUnits(value, exponent: exponent) }
        #expect(written == MinorUnits.format(value, exponent: exponent))
    }

    @Test func integersKeepTheirSign() {
        #expect(text { $0.reserve(64); $0.putInt(0); $0.put(44); $0.putInt(-42); $0.put(44); $0.putInt(Int.min) }
                == "0,-42,\(Int.min)")
    }

    @Test(arguments: ["plain", "", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "=HYPERLINK(\"x\")", "李四, Ltd"])
    func fieldsAreQuotedExactlyWhenCSVNeedsIt(_ value: String) {
        var expected: [UInt8] = []
        CSVField.append(value, to: &expected)
        let bytes = Array(value.utf8)
        let direct = text { b in bytes.withUnsafeBufferPointer { b.putCSVField($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) } }
        #expect(direct == String(decoding: expected, as: UTF8.self))
        // Quoting after the fact, behind other bytes, gives the same field.
        let after = text { b in b.append(Array("x,".utf8)); let start = b.count; b.append(bytes); b.quoteField(from: start) }
        #expect(after == "x," + String(decoding: expected, as: UTF8.self))
    }

    @Test func theBufferGrowsAndKeepsWhatItHolds() {
        let line = Array("0123456789".utf8)
        let written = text({ b in for _ in 0..<1000 { b.append(line) } }, capacity: 1)
        #expect(written == String(repeating: "0123456789", count: 1000))
    }
}
