import Foundation
import ReconFormats

/// A small CSV file read into rows of strings with the engine's own scanner (for assertions only).
package struct CSVTable {
    package var header: [String]
    package var rows: [[String: String]]

    package init(path: String) throws {
        let all = try Self.records(path: path)
        header = all.first ?? []
        let h = header
        rows = all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(h, $0)) }
    }

    /// Every record of the file, the header included, as fields.
    package static func records(path: String) throws -> [[String]] {
        var source = try FileByteSource(path: path)
        var all: [[String]] = []
        try CSVScanner().scan(&source, path: path) { r in
            all.append((0..<r.count).map { String(decoding: r[$0], as: UTF8.self) })
        }
        return all
    }
}
