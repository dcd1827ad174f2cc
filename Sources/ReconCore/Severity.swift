/// How urgently a break needs a person. Ordered: `info` < `low` < `medium` < `high` < `critical`.
public enum Severity: UInt8, CaseIterable, Comparable, Sendable {
    case info = 0, low, medium, high, critical

    public init?(name: String) {
        switch name {
        case "info": self = .info
        case "low": self = .low
        case "medium": self = .medium
        case "high": self = .high
        case "critical": self = .critical
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .info: return "info"
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        case .critical: return "critical"
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
