import Testing
@testable import ReconCore

@Suite struct AgeBucketTests {
    @Test func bucketBoundsAreInclusiveAsFinanceReadsThem() {
        let expected: [(Int, String)] = [(-2, "0-1"), (0, "0-1"), (1, "0-1"), (2, "2-3"), (3, "2-3"), (4, "4-7"),
                                         (7, "4-7"), (8, "8-30"), (30, "8-30"), (31, ">30"), (400, ">30")]
        for (days, label) in expected { #expect(AgeBucket(days: days).label == label, "\(days) days") }
    }

    @Test func everyAgeFallsInsideItsBucketsBounds() {
        for days in 0...100 {
            let b = AgeBucket(days: days)
            #expect(b.fromDays <= days)
            if let to = b.toDays { #expect(days <= to) }
        }
    }
}
