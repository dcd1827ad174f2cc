import ReconCore
/// Why a report could not be written.
public enum ReportError: Error, Equatable, Sendable {
    case cannotWrite(path: String, reason: String)
}

extension ReportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        }
    }
}

extension ReportError: ReconError {}
