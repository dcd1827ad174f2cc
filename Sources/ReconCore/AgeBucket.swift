/// The ageing buckets of the reports: how many days an item has been open.
///
/// Bounds are inclusive and written the way finance teams read them: 0–1, 2–3, 4–7, 8–30 and more
/// than 30 days. A negative age (an item dated after the as-of date) falls in the first bucket.
public enum AgeBucket: Int, CaseIterable, Sendable, Comparable {
    case upTo1, upTo3, upTo7, upTo30, over30

    /// The bucket of an age in days.
    @inlinable
    public init(days: Int) {
        switch days {
        case ...1: self = .upTo1
        case 2...3: self = .upTo3
        case 4...7: self = .upTo7
        case 8...30: self = .upTo30
        default: self = .over30
        }
    }

    /// The label in reports: `0-1`, `2-3`, `4-7`, `8-30`, `>30`.
    public var label: String { toDays.map { "\(fromDays)-\($0)" } ?? ">\(fromDays - 1)" }

    /// The first age in days of the bucket.
    public var fromDays: Int { [0, 2, 4, 8, 31][rawValue] }

    /// The last age in days of the bucket; nil for the open-ended `>30`.
    public var toDays: Int? { [1, 3, 7, 30, nil][rawValue] }

    public static func < (a: AgeBucket, b: AgeBucket) -> Bool { a.rawValue < b.rawValue }
}
