import Foundation

/// Files Recon writes hold account numbers and names in clear (the store, `breaks.csv`,
/// `summary.json`, the carried items): they are created for their owner only (0600, folders 0700)
/// whatever the umask the process was started with. `RECON_UMASK` (octal, e.g. `027` for a group of
/// auditors) says otherwise.
enum FileModes {
    static let defaultMask: mode_t = 0o077

    static func restrict() {
        let text = ProcessInfo.processInfo.environment["RECON_UMASK"] ?? ""
        let mask = text.isEmpty ? defaultMask : mode_t(text, radix: 8).map { $0 & 0o777 } ?? defaultMask
        umask(mask)
    }
}
