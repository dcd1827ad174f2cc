import ReconCore
import ReconFormats

/// Writes `rejects.csv`: every row set aside under `--max-rejects`, with where and why.
package enum RejectsWriter {
    package static let header = "side,file,line,field,reason,raw"

    package static func write(_ rejects: RejectLog, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(header + "\n")
        for r in rejects.rejects {
            try writer.withBuffer { out in
                out.append(contentsOf: r.side.name.utf8); out.append(44)
                CSVField.append(r.path, to: &out); out.append(44)
                out.append(contentsOf: String(r.line).utf8); out.append(44)
                CSVField.append(r.field ?? "", to: &out); out.append(44)
                CSVField.append(r.reason, to: &out); out.append(44)
                CSVField.append(r.raw, to: &out)
                out.append(10)
            }
        }
        try writer.commit()
    }
}
