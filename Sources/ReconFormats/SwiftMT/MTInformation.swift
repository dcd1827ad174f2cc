/// What Recon reads from a `:86:` information field: the end-to-end id, the counterparty's name and
/// the remittance text, from the common structured dialects, else the text itself.
///
/// - German (DK/SEPA, `GVC?00text?10..?20..?29..?32..?33..?60..?63`): purpose `?20`–`?29`, `?60`–`?63`
///   (with the SEPA keys `EREF+`, `SVWZ+`, ...), counterparty `?32`+`?33`;
/// - Dutch and others (`/EREF/value/CNTP/account/bic/name/city/REMI/USTD//text/`): `EREF`,
///   the name of `CNTP` (or `NAME`), and the text of `REMI` (`USTD//text`, or `STRD/CUR/ref`);
/// - anything else: the text, as the remittance.
struct MTInformation: Equatable {
    var endToEndId = ""
    var counterparty = ""
    var remittance = ""

    /// The codes of the slash dialect.
    static let slashCodes: Set<String> = ["EREF", "PREF", "KREF", "MARF", "CSID", "CNTP", "REMI", "PURP", "RTRN", "ISDT", "NAME", "BENM",
                                          "ORDP", "ADDR", "ID", "IBAN", "BIC", "TRCD", "OCMT", "CHGS", "EXCH", "SUM", "ULTC", "ULTD",
                                          "ULTB", "SVCL", "IREF", "ACCW", "BUSP", "CREF", "RREF"]
    /// The SEPA keys inside a German purpose text.
    static let sepaKeys = ["EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+", "IBAN+", "BIC+", "COAM+", "OAMT+"]

    init(lines: [[UInt8]]) {
        let first = lines.first ?? []
        let german = first.count >= 4 && first[0..<3].allSatisfy { $0 >= 48 && $0 <= 57 } && first[3] == UInt8(ascii: "?")
        if german {
            parseGerman(String(decoding: lines.joined(), as: UTF8.self))
        } else if first.first == UInt8(ascii: "/"), let parsed = Self.slashFields(String(decoding: lines.joined(), as: UTF8.self)) {
            // The end-to-end id; for a batch (a payment information id, PREF), the batch's id.
            endToEndId = parsed["EREF"].map(Self.firstSubfield) ?? ""
            if endToEndId == "NOTPROVIDED" { endToEndId = "" }
            if endToEndId.isEmpty { endToEndId = parsed["PREF"].map(Self.firstSubfield) ?? "" }
            if let cntp = parsed["CNTP"] {
                let sub = cntp.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                counterparty = sub.count > 2 ? sub[2] : ""
            }
            if counterparty.isEmpty, let name = parsed["NAME"] { counterparty = Self.firstSubfield(name) }
            if let remi = parsed["REMI"] {
                if let r = remi.range(of: "USTD//") {
                    remittance = String(remi[r.upperBound...])
                } else if remi.hasPrefix("STRD/") {
                    remittance = String(remi.split(separator: "/").last ?? "")
                } else {
                    remittance = remi
                }
                while remittance.hasSuffix("/") { remittance.removeLast() }
            }
        } else {
            // Free text: lines cut at the field's width (65) run on, shorter ones end a phrase.
            var text = ""
            for (i, line) in lines.enumerated() {
                if i > 0 && lines[i - 1].count < 65 { text += " " }
                text += String(decoding: line, as: UTF8.self)
            }
            remittance = text.trimmingSpaces
        }
        endToEndId = endToEndId.trimmingSpaces
        counterparty = counterparty.trimmingSpaces
        remittance = remittance.trimmingSpaces
    }

    static func firstSubfield(_ v: String) -> String {
        String(v.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first ?? "")
    }

    /// `/CODE/value/CODE/value...`: values run to the next known code.
    static func slashFields(_ text: String) -> [String: String]? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var out: [String: String] = [:]
        var code: String?
        var value: [String] = []
        func flush() {
            if let code, out[code] == nil {
                var v = value.joined(separator: "/")
                while v.hasPrefix("/") { v.removeFirst() }
                out[code] = v
            }
        }
        for p in parts.dropFirst() {
            if slashCodes.contains(p) {
                flush()
                code = p
                value = []
            } else {
                value.append(p)
            }
        }
        flush()
        return out.isEmpty ? nil : out
    }

    private mutating func parseGerman(_ text: String) {
        var fields: [(Int, String)] = []
        let chars = Array(text.utf8)
        var i = 3, current: Int? = nil, start = 3
        while i < chars.count {
            if chars[i] == UInt8(ascii: "?"), i + 2 < chars.count, let a = Self.digit(chars[i + 1]), let b = Self.digit(chars[i + 2]) {
                if let current { fields.append((current, String(decoding: chars[start..<i], as: UTF8.self))) }
                current = a * 10 + b
                i += 3
                start = i
                continue
            }
            i += 1
        }
        if let current { fields.append((current, String(decoding: chars[start...], as: UTF8.self))) }
        let purpose = fields.filter { (20...29).contains($0.0) || (60...63).contains($0.0) }.map(\.1).joined()
        counterparty = fields.filter { $0.0 == 32 || $0.0 == 33 }.map(\.1).joined()
        let eref = Self.sepaValue("EREF+", in: purpose), svwz = Self.sepaValue("SVWZ+", in: purpose)
        endToEndId = eref == "NOTPROVIDED" ? "" : eref
        remittance = !svwz.isEmpty ? svwz : purpose.isEmpty ? (fields.first { $0.0 == 0 }?.1 ?? "") : purpose
    }

    static func sepaValue(_ key: String, in text: String) -> String {
        guard let r = text.range(of: key) else { return "" }
        var rest = String(text[r.upperBound...])
        var cut = rest.endIndex
        for k in sepaKeys where k != key { if let o = rest.range(of: k), o.lowerBound < cut { cut = o.lowerBound } }
        rest = String(rest[..<cut])
        return rest
    }

    static func digit(_ b: UInt8) -> Int? { b >= 48 && b <= 57 ? Int(b) - 48 : nil }
}
