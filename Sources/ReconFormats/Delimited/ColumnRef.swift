/// A column of a delimited file: by header name, or by 1-based position.
package enum ColumnRef: Sendable, Equatable, CustomStringConvertible {
    case name(String)
    case position(Int)

    package var description: String {
        switch self {
        case .name(let n): return n
        case .position(let p): return "column \(p)"
        }
    }
}
