import Testing
@testable import ReconCore

@Suite struct FieldTextTests {
    func check(_ bytes: [UInt8], lineBreaks: Bool = false) -> FieldTextFault? {
        bytes.withUnsafeBufferPointer { FieldText.check($0, lineBreaks: lineBreaks) }
    }

    @Test func printableTextTabAndUnicodeAreText() {
        #expect(check(Array("BK-001 / Acme, Inc.".utf8)) == nil)
        #expect(check(Array("a\tb".utf8)) == nil)
        #expect(check(Array("充值 deposit Zoë 😀 €".utf8)) == nil)
        #expect(check([]) == nil)
    }

    @Test(arguments: [
        ([0x41, 0x00], FieldTextFault(.control(0), at: 1)),
        ([0x01], FieldTextFault(.control(1), at: 0)),
        ([0x41, 0x42, 0x1B], FieldTextFault(.control(0x1B), at: 2)),
        ([0x7F], FieldTextFault(.control(0x7F), at: 0)),
        ([0x41, 0xC2, 0x85], FieldTextFault(.control(0x85), at: 1)),
        ([0x41, 0xFF], FieldTextFault(.invalidUTF8(0xFF), at: 1)),
        ([0xE4, 0xB8], FieldTextFault(.invalidUTF8(0xE4), at: 0)),
        ([0x41, 0xEF, 0xBB, 0xBF], FieldTextFault(.byteOrderMark(0xFEFF), at: 1)),
        ([0xEF, 0xBF, 0xBE], FieldTextFault(.byteOrderMark(0xFFFE), at: 0)),
        ([0xEF, 0xBF, 0xBF], FieldTextFault(.undecodable, at: 0)),
        ([0x41, 0x0A, 0x42], FieldTextFault(.lineBreak, at: 1)),
        ([0x0D], FieldTextFault(.lineBreak, at: 0)),
    ] as [([UInt8], FieldTextFault)])
    func refusesControlsBOMsInvalidUTF8AndLineBreaksInAnId(_ bytes: [UInt8], _ fault: FieldTextFault) {
        #expect(check(bytes) == fault)
    }

    @Test func freeTextMaySpanLinesButHoldsNoOtherControl() {
        #expect(check(Array("two\r\nlines\nand\rmore".utf8), lineBreaks: true) == nil)
        #expect(check([0x41, 0x0A, 0x00], lineBreaks: true) == FieldTextFault(.control(0), at: 2))
    }

    @Test func decodingKeepsUndecodableBytesVisibleToTheCheck() {
        let s = FieldText.string(decoding: [0x41, 0xFF, 0x42])
        #expect(s == "A\u{FFFF}B")
        #expect(check(Array(s.utf8)) == FieldTextFault(.undecodable, at: 1))
        #expect(FieldText.string(decoding: Array("Zoë".utf8)) == "Zoë")
    }

    @Test func displayableTextHasNoControlsOrInvalidBytes() {
        #expect(FieldText.displayable([0x41, 0x00, 0x42, 0xFF, 0x09, 0x0A, 0xEF, 0xBB, 0xBF]) == "A\u{FFFD}B\u{FFFD}\t\n\u{FFFD}")
    }

    @Test func faultsSayWhatAndWhere() {
        #expect(FieldTextFault(.control(0), at: 3).description == "control character U+0000 (NUL) at byte 4 of the value")
        #expect(FieldTextFault(.byteOrderMark(0xFEFF), at: 0).description == "byte order mark U+FEFF inside the text, at byte 1 of the value")
        #expect(FieldTextFault(.invalidUTF8(0xFF), at: 1).description.hasPrefix("not valid UTF-8 at byte 2 of the value (0xFF)"))
    }
}
