/// How an amount field writes its value (`format = "..."` of an amount, balance or total field).
enum FixedWidthAmountFormat: String, Sendable, CaseIterable {
    /// Digits with implied decimals, optionally preceded by `+` or `-` (`000001234567`).
    case digits
    /// Digits with implied decimals whose last character carries the sign (``Overpunch``).
    case overpunch
    /// A decimal with a point and an optional sign (`-1234.56`); needs no `decimals`.
    case decimal
}
