import ReconCore
import Foundation

/// Renders a break report's exports (``ExportFormat``) into a folder: one pass over the rows for the
/// totals (``ReportDigest``), then, for the row-by-row formats, a second pass that writes every
/// requested file at once. Rows stream in both passes: memory holds the totals, the first critical
/// breaks and one row, whatever the number of breaks. Each file is written under a temporary name
/// and renamed into place when complete.
package enum ReportExporter {
    /// Writes the files and returns their names, in ``ExportFormat`` order.
    @discardableResult
    package static func export(_ request: ExportRequest) throws -> [String] {
        let formats = request.formats.sorted()
        guard !formats.isEmpty else { return [] }
        let masker = request.masked ? Masker(key: request.maskKey) : Masker.clear
        var digest = ReportDigest()
        try request.source.forEach { digest.add(masker.line($0)) }

        let dir = request.directory
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path: dir, reason: "\(error)")
        }
        if request.formats.contains(.html) {
            let file = try AtomicFileWriter(path: dir + "/" + ExportFormat.html.fileName)
            try file.write(HTMLReportWriter.render(request, digest: digest, masked: request.masked))
            try file.commit()
        }
        let rowFormats = request.formats.subtracting([.html])
        guard !rowFormats.isEmpty else { return formats.map(\.fileName) }

        let xlsxPath = dir + "/" + ExportFormat.xlsx.fileName
        let xlsxTemp = dir + "/.\(ExportFormat.xlsx.fileName)" + Cleanup.suffix()
        Cleanup.temporary(xlsxTemp)
        defer { Cleanup.done(xlsxTemp) }
        let xlsx = rowFormats.contains(.xlsx) ? try XLSXReportWriter(path: xlsxTemp, request: request, digest: digest, masker: masker) : nil
        let csv = rowFormats.contains(.excelCSV) ? try ExcelCSVWriter(path: dir + "/" + ExportFormat.excelCSV.fileName) : nil
        let jsonl = rowFormats.contains(.jsonl) ? try JSONLinesWriter(path: dir + "/" + ExportFormat.jsonl.fileName) : nil
        do {
            try request.source.forEach { raw in
                let row = masker.line(raw)
                try xlsx?.write(row)
                try csv?.write(row)
                try jsonl?.write(row)
            }
            try csv?.commit()
            try jsonl?.commit()
            if let xlsx {
                try xlsx.close()
                guard rename(xlsxTemp, xlsxPath) == 0 else {
                    throw ExportError.cannotWrite(path: xlsxPath, reason: String(cString: strerror(errno)))
                }
            }
        } catch {
            unlink(xlsxTemp)
            throw error
        }
        return formats.map(\.fileName)
    }
}
