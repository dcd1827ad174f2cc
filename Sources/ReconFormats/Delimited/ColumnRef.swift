/// A column of a delimited file: by header name, or by 1-based position.
public enum ColumnRef: Sendable, Equatable, CustomStringConvertible {
    case name(String)
    case position(Int)

    public var description: String {
        switch self {
        case .name(let n): return n
        case .position(let p): return "column \(p)"
        }
    }
}
