import Foundation
import ReconCore

/// Writes `breaks.jsonl`: one JSON object per break with the fields of `breaks.csv` under their
/// column names. Amounts stay exact decimal strings (as in `summary.json`), `age_days` is a number,
/// and an empty field is `null`.
final class JSONLinesWriter {
    private let file: AtomicFileWriter

    init(path: String) throws { file = try AtomicFileWriter(path: path) }

    func write(_ line: BreakLine) throws {
        try file.withBuffer { out in
            out.append(UInt8(ascii: "{"))
            for (i, field) in BreakLineCodec.fields(line).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.string(BreakLineCodec.columns[i], to: &out)
                out.append(UInt8(ascii: ":"))
                if field.isEmpty {
                    out.append(contentsOf: "null".utf8)
                } else if BreakLineCodec.integerColumns.contains(i) {
                    out.append(contentsOf: field.utf8)
                } else {
                    Self.string(field, to: &out)
                }
            }
            out.append(contentsOf: "}\n".utf8)
        }
    }

    func commit() throws { try file.commit() }

    /// A JSON string: quotes, backslashes and control characters escaped; other text as UTF-8.
    static func string(_ s: String, to out: inout [UInt8]) {
        out.append(34)
        for b in s.utf8 {
            switch b {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(34)
    }
}
