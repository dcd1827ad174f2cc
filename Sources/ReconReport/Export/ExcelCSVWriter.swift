import ReconCore
import ReconFormats

/// Writes `breaks-excel.csv`: the columns of `breaks.csv` as UTF-8 with a byte-order mark and CRLF
/// line ends, so Excel and WPS open Chinese text correctly, and every cell neutralised against formula
/// injection (``SpreadsheetText``).
final class ExcelCSVWriter {
    private let file: AtomicFileWriter

    init(path: String) throws {
        file = try AtomicFileWriter(path: path)
        var line: [UInt8] = ByteOrderMark.utf8
        Self.append(BreakLineCodec.columns, to: &line)
        try file.write(line)
    }

    func write(_ line: BreakLine) throws {
        try file.withBuffer { Self.append(BreakLineCodec.fields(line), to: &$0) }
    }

    func commit() throws { try file.commit() }

    static func append(_ fields: [String], to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CSVField.append(SpreadsheetText.neutralised(field), to: &out)
        }
        out.append(13)
        out.append(10)
    }
}
