import Testing
@testable import ReconCore

@Suite struct DayTests {
    @Test func epochIsDayZero() {
        #expect(Day(year: 1970, month: 1, day: 1)?.rawValue == 0)
        #expect(Day(year: 1969, month: 12, day: 31)?.rawValue == -1)
    }

    @Test func civilRoundTripsOverFourCenturies() {
        var day = Day(year: 1900, month: 1, day: 1)!
        let end = Day(year: 2300, month: 12, day: 31)!
        while day <= end {
            let c = day.civil
            #expect(Day(year: c.year, month: c.month, day: c.day) == day)
            day = day.adding(days: 1)
        }
    }

    @Test func leapYearsFollowTheGregorianRules() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
    }

    @Test func parsesAndFormatsISODates() {
        #expect(Day(iso: "2026-11-20")?.iso == "2026-11-20")
        #expect(Day(iso: "2026-11-20")!.days(since: Day(iso: "2026-11-18")!) == 2)
    }

    @Test(arguments: ["2026-13-01", "2026-02-30", "2026-1-01", "2026/11/20", "", "20261120", "2026-11-2x", "0000-01-01"])
    func rejectsMalformedDates(_ text: String) {
        #expect(Day(iso: text) == nil)
    }
}
