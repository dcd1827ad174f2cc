import ReconCore

/// Business days per currency: Monday to Friday, less the currency's holidays, plus its extra working
/// days (the weekend days some markets work to make up for a holiday, such as China's 调休).
package struct BusinessCalendar: Sendable, Equatable {
    package struct Days: Sendable, Equatable {
        package var holidays: Set<Int32> = []
        package var workingDays: Set<Int32> = []
        package init(holidays: Set<Int32> = [], workingDays: Set<Int32> = []) {
            self.holidays = holidays; self.workingDays = workingDays
        }
    }

    /// By ISO 4217 code.
    package var currencies: [String: Days] = [:]

    package init(currencies: [String: Days] = [:]) { self.currencies = currencies }

    /// 0 Monday ... 6 Sunday (1970-01-01, day 0, was a Thursday).
    @inline(__always)
    package static func weekday(_ day: Int32) -> Int { Int(((day + 3) % 7 + 7) % 7) }

    package func isBusinessDay(_ day: Int32, currency: String) -> Bool {
        let days = currencies[currency]
        if let days, days.workingDays.contains(day) { return true }
        if Self.weekday(day) >= 5 { return false }
        return !(days?.holidays.contains(day) ?? false)
    }

    /// Business days after `from` up to and including `to` (`to` ≥ `from`): 0 on the same day, 1 from
    /// a Friday to the next Monday. Stops counting past `limit` (returns `limit + 1`).
    package func businessDays(from: Int32, to: Int32, currency: String, limit: Int) -> Int {
        var n = 0
        var d = from
        while d < to {
            d += 1
            if isBusinessDay(d, currency: currency) {
                n += 1
                if n > limit { return n }
            }
        }
        return n
    }
}
