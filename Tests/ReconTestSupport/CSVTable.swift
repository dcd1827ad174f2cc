import Foundation
import ReconFormats

/// A small CSV file read into rows of strings with the engine's own scanner (for assertions only).
public struct CSVTable {
    public var header: [String]
    public var rows: [[String: String]]

    public init(path: String) throws {
        let all = try Self.records(path: path)
        header = all.first ?? []
        let h = header
        rows = all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(h, $0)) }
    }

    /// Every record of the file, the header included, as fields.
    public static func records(path: String) throws -> [[String]] {
        var source = try FileByteSource(path: path)
        var all: [[String]] = []
        try CSVScanner().scan(&source, path: path) { r in
            all.append((0..<r.count).map { String(decoding: r[$0], as: UTF8.self) })
        }
        return all
    }
}
