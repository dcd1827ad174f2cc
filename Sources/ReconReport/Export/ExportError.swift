import ReconCore
/// Why an export could not be written.
package enum ExportError: Error, CustomStringConvertible, Equatable {
    case notABreakReport(path: String, reason: String)
    case workbook(path: String, step: String, reason: String)
    case maskKey(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    package var description: String {
        switch self {
        case .notABreakReport(let path, let reason): return "\(path): not a break report: \(reason)"
        case .workbook(let path, let step, let reason): return "\(path): cannot write the workbook (\(step)): \(reason)"
        case .maskKey(let path, let reason): return "mask key \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}

extension ExportError: ReconError {}
