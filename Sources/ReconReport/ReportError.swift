import ReconCore
/// Why a report could not be written.
package enum ReportError: Error, Equatable, Sendable {
    case cannotWrite(path: String, reason: String)
}

extension ReportError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        }
    }
}

extension ReportError: ReconError {}
