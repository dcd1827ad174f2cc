import Crypto
import Foundation
import ReconCore
import ReconMatch

/// Masks account numbers and counterparty names in exports.
///
/// An account keeps its last four characters; a name keeps none. Each masked value carries a token,
/// the first 48 bits of HMAC-SHA256 under the installation's key (``MaskKey``), so the same account
/// masks to the same text in every report and masked rows can still be joined across reports, while
/// nobody without the key can test a guess. `****7890#3fa9c21b0a1e`, `***#9b1f03c2d4e5`.
package final class Masker {
    /// Whether values are masked; a masker that is off returns every value as given.
    package let enabled: Bool
    private let key: SymmetricKey
    private var cache: [String: String] = [:]

    package init(key: [UInt8], enabled: Bool = true) {
        self.key = SymmetricKey(data: key)
        self.enabled = enabled
    }

    /// A masker that writes everything in clear (`--unmasked`).
    package static var clear: Masker { Masker(key: [0], enabled: false) }

    /// `****` and the last four characters of the account, then its token.
    package func account(_ value: String) -> String {
        guard enabled, !value.isEmpty else { return value }
        if let hit = cache[value] { return hit }
        let chars = Array(value)
        let tail = chars.count > 4 ? String(chars.suffix(4)) : ""
        let masked = "****" + tail + "#" + token("account", value)
        remember(value, masked)
        return masked
    }

    /// `***` and the name's token.
    package func name(_ value: String) -> String {
        guard enabled, !value.isEmpty else { return value }
        let masked = "***#" + token("name", value)
        return masked
    }

    /// A break's detail with the counterparty or account it names masked.
    package func detail(_ text: String) -> String {
        guard enabled else { return text }
        for (prefix, isAccount) in [(UnauthorizedText.deniedCounterparty, false), (UnauthorizedText.platformAccount, true)] {
            guard let start = text.range(of: prefix) else { continue }
            let rest = text[start.upperBound...]
            let end = rest.range(of: "; ")?.lowerBound ?? rest.endIndex
            let value = String(rest[..<end])
            return String(text[..<start.upperBound]) + (isAccount ? account(value) : name(value)) + String(rest[end...])
        }
        return text
    }

    /// Masks the account and the detail of a break.
    package func line(_ line: BreakLine) -> BreakLine {
        guard enabled else { return line }
        var masked = line
        masked.account = account(line.account)
        masked.detail = detail(line.detail)
        return masked
    }

    private func token(_ domain: String, _ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((domain + ":" + value).utf8), using: key)
        return mac.prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    private func remember(_ value: String, _ masked: String) {
        if cache.count >= 1 << 20 { cache.removeAll(keepingCapacity: true) }
        cache[value] = masked
    }
}
