import Testing
@testable import ReconCore

@Suite struct RunLimitsTests {
    @Test func sizesAreReadAsPeopleWriteThem() {
        #expect(ByteSize.parse("4GiB") == 4 << 30)
        #expect(ByteSize.parse("512 MiB") == 512 << 20)
        #expect(ByteSize.parse("2G") == 2 << 30)
        #expect(ByteSize.parse("1500m") == 1500 << 20)
        #expect(ByteSize.parse("64k") == 64 << 10)
        #expect(ByteSize.parse("1_000_000") == 1_000_000)
        #expect(ByteSize.parse("1T") == 1 << 40)
        for bad in ["", "0", "-1GiB", "GiB", "4 GiBs", "1.5GiB", "4PB", "99999999999T"] {
            #expect(ByteSize.parse(bad) == nil, "\(bad)")
        }
        #expect(ByteSize.describe(4 << 30) == "4.0 GiB")
        #expect(ByteSize.describe(1536 << 10) == "1.5 MiB")
        #expect(ByteSize.describe(100) == "100 bytes")
    }

    @Test func aGzipFileMayExpandByTheRatioAboveTheFloorAndNeverPastTheMaximum() {
        var limits = RunLimits()
        #expect(limits.gzipLimit(compressedSize: 1000) == 1 << 30)                // the floor
        #expect(limits.gzipLimit(compressedSize: 10 << 20) == 10_000 << 20)      // 1000 times
        #expect(limits.gzipLimit(compressedSize: 1 << 40) == 64 << 30)           // the maximum
        #expect(limits.gzipLimit(compressedSize: Int.max / 2) == 64 << 30)       // no overflow
        limits.gzipMaxRatio = 20
        limits.gzipFloorBytes = 1 << 20
        #expect(limits.gzipLimit(compressedSize: 100_000) == 2_000_000)
        #expect(limits.gzipLimit(compressedSize: 1000) == 1 << 20)
        limits.gzipMaxBytes = 1000
        #expect(limits.gzipLimit(compressedSize: 100_000) == 1000)
    }

    @Test func theCeilingComparesWithTheMemoryTheProcessHolds() throws {
        let held = ResidentMemory.bytes()
        #expect(held > 1 << 20 && held < 1 << 40)
        try MemoryCeiling(bytes: Int.max / 2).check("testing")
        #expect(throws: ResourceError.self) { try MemoryCeiling(bytes: 1 << 20).check("testing") }
        do {
            try MemoryCeiling(bytes: held + (1 << 30)).checkAhead(2 << 30, "before matching 5 rows")
            Issue.record("expected the ceiling")
        } catch let ResourceError.memoryCeiling(limit, needed, phase) {
            #expect(limit == held + (1 << 30))
            #expect(needed >= 2 << 30)
            #expect(phase == "before matching 5 rows")
        }
        let message = ResourceError.memoryCeiling(limit: 1 << 30, held: 3 << 29, phase: "while reading bank.csv").description
        #expect(message == "memory ceiling of 1.0 GiB reached while reading bank.csv (1.5 GiB held); "
                + "raise --max-memory or [limits] max_memory, or split the inputs into several runs")
    }
}
