import Testing
@testable import ReconCore

@Suite struct UTF8ValidationTests {
    func check(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) } }

    @Test func acceptsWellFormedText() {
        #expect(check(Array("ascii, 中文, Zoë, 😀".utf8)) == nil)
        #expect(check([]) == nil)
    }

    @Test(arguments: [
        ([0x41, 0xFF], 1), ([0xC0, 0x80], 0), ([0xE0, 0x80, 0x80], 0), ([0xED, 0xA0, 0x80], 0),
        ([0xF4, 0x90, 0x80, 0x80], 0), ([0x41, 0xE4, 0xB8], 1), ([0xD6, 0xD0, 0xCE, 0xC4], 0),
    ] as [([UInt8], Int)])
    func findsTheFirstBadByte(_ bytes: [UInt8], _ offset: Int) {
        #expect(check(bytes) == offset)
    }
}
