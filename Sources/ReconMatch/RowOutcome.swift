import ReconCore

/// The outcome of one input row, stored as a byte per row.
package enum RowOutcome: Equatable, Sendable {
    /// Still in play (only between passes).
    case open
    /// Matched with no break.
    case matched
    /// Part of a break of this kind.
    case broken(BreakKind)

    static let openCode: UInt8 = 0
    static let matchedCode: UInt8 = 255

    /// Whether an outcome code means matched with no break (cheaper than decoding it).
    @inline(__always)
    package static func isMatched(code: UInt8) -> Bool { code == matchedCode }

    package init(code: UInt8) {
        switch code {
        case RowOutcome.openCode: self = .open
        case RowOutcome.matchedCode: self = .matched
        default: self = BreakKind(rawValue: code).map { .broken($0) } ?? .open
        }
    }

    var code: UInt8 {
        switch self {
        case .open: return RowOutcome.openCode
        case .matched: return RowOutcome.matchedCode
        case .broken(let k): return k.rawValue
        }
    }

    /// `matched` or the kind's name.
    package var name: String {
        switch self {
        case .open: return "open"
        case .matched: return "matched"
        case .broken(let k): return k.name
        }
    }
}
