/// An exchange rate of one day: one unit of `from` is `mantissa / 10^scale` units of `to`.
public struct FXRate: Sendable, Equatable {
    public var day: Day
    public var from: String
    public var to: String
    public var mantissa: Int64
    public var scale: Int

    public init(day: Day, from: String, to: String, mantissa: Int64, scale: Int) {
        self.day = day; self.from = from; self.to = to; self.mantissa = mantissa; self.scale = scale
    }

    /// The rate as written (`7.1234`).
    public var text: String {
        var s = MinorUnits.format(mantissa, exponent: scale)
        while s.contains(".") && s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
