/// Text encodings bank files arrive in. Readers work on UTF-8; other encodings are converted with
/// iconv, streaming (``TranscodingSource``) or per field (``Transcoder``).
package enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    /// GB18030, a superset of GBK and GB2312 (Chinese banks' and Alipay's exports).
    case gb18030
    /// UTF-16 with a byte-order mark (little-endian when there is none).
    case utf16 = "utf-16"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    /// ISO 8859-1.
    case latin1 = "latin-1"
    case windows1252 = "windows-1252"

    /// Accepts the common spellings: `utf8`, `GBK`, `gb2312`, `iso-8859-1`, `cp1252`, ...
    package init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        case "utf-16", "utf16": self = .utf16
        case "utf-16le", "utf16le": self = .utf16le
        case "utf-16be", "utf16be": self = .utf16be
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1": self = .latin1
        case "windows-1252", "cp1252": self = .windows1252
        default: return nil
        }
    }

    /// The name iconv knows it by.
    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        case .utf16: return "UTF-16"
        case .utf16le: return "UTF-16LE"
        case .utf16be: return "UTF-16BE"
        case .latin1: return "ISO-8859-1"
        case .windows1252: return "WINDOWS-1252"
        }
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
