import ReconCore
import ReconConfig

/// How one kind of file is read, loaded from a spec file in `formats/` (TOML).
///
/// Every spec has the common keys below; the rest is a table named after its family, read and checked
/// by that family's reader. Adding a bank whose export fits a family is a new spec file, not new code.
///
/// ```toml
/// name = "cfonb120"                  # what --bank-format NAME finds (defaults to the file name)
/// family = "fixed-width"             # canonical-bank | canonical-ledger | delimited | fixed-width | camt | swift-mt | bai2 | ofx | nacha
/// side = "bank"                      # bank (default) or ledger
/// description = "French CFONB 120-character statement"
/// encoding = "latin-1"               # utf-8 (default), gb18030, utf-16, latin-1, windows-1252
/// [detect]                           # see FormatDetection
/// [fixed-width]                      # the family's own table
/// ```
package struct FormatSpec: Sendable {
    package var name: String
    package var family: String
    package var side: Side
    package var description: String
    package var encoding: TextEncoding
    /// The spec file, or `builtin:NAME`.
    package var path: String
    package var detection: FormatDetection
    /// The reader of a bank-side spec.
    package var bankReader: (any BankFileReader)?
    /// The reader of a ledger-side `delimited` spec (a platform's own export); nil for the canonical
    /// ledger layout.
    package var ledgerReader: MappedLedgerReader?

    /// Families and the top-level keys they own.
    static let families: Set<String> = ["canonical-bank", "canonical-ledger", "delimited", "fixed-width", "camt", "swift-mt", "bai2", "ofx", "nacha"]

    /// Loads and checks a spec from TOML text.
    ///
    /// - Throws: ``FormatSpecError`` naming `path`, and the dotted key where one is at fault.
    package init(toml text: String, path: String) throws {
        do {
            self = try FormatSpec(root: ConfigurationDocument.tomlRoot(of: text, path: path))
        } catch let error as ConfigurationFileError {
            throw FormatSpecError(error)
        }
    }

    /// Reads and checks the spec's root table; the family's own table goes to its reader.
    private init(root: SpecTable) throws {
        let path = root.path
        family = try root.requiredString("family")
        guard FormatSpec.families.contains(family) else {
            throw root.invalid("family", "one of " + FormatSpec.families.sorted().joined(separator: ", "))
        }
        try root.only(["name", "family", "side", "description", "encoding", "detect", family])
        let fileName = path.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? path
        name = try root.string("name") ?? fileName
        switch try root.string("side") ?? "bank" {
        case "bank": side = .bank
        case "ledger": side = .ledger
        default: throw root.invalid("side", "bank or ledger")
        }
        description = try root.string("description") ?? ""
        if let e = try root.string("encoding") {
            guard let enc = TextEncoding(name: e) else {
                throw root.invalid("encoding", "one of " + TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))
            }
            encoding = enc
        } else {
            encoding = .utf8
        }
        self.path = path
        detection = try FormatDetection(table: root.table("detect"))
        let options = try root.table(family)
        let header = FormatSpecHeader(name: name, path: path, encoding: encoding)
        bankReader = side == .bank ? try FormatFamilies.bankReader(family: family, options: options, header: header) : nil
        if side == .ledger && family == "delimited" {
            ledgerReader = try MappedLedgerReader(options: options, header: header)
        } else if side == .ledger && family != "canonical-ledger" {
            throw root.invalid("family", "canonical-ledger or delimited for a ledger spec")
        }
    }
}

/// The common part of a spec a family's reader needs.
package struct FormatSpecHeader: Sendable {
    package var name: String
    package var path: String
    package var encoding: TextEncoding
}
