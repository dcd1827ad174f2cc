import ReconCore
import TOMLKit

/// Typed, checked access to one table of a format spec file. Every error names the spec file and the
/// full dotted key, and ``only(_:)`` refuses keys the reader does not know, so a typo never passes.
public struct SpecTable {
    let table: TOMLTable
    /// The spec file.
    public let path: String
    /// Dotted path of this table ("" for the root).
    public let prefix: String

    init(table: TOMLTable, path: String, prefix: String) {
        self.table = table
        self.path = path
        self.prefix = prefix
    }

    /// Parses TOML text.
    public static func parse(_ text: String, path: String) throws -> SpecTable {
        if let (line, column, reason) = TOMLPreflight.firstProblem(text) {
            throw FormatSpecError.syntax(path: path, line: line, column: column, reason: reason)
        }
        do {
            return SpecTable(table: try TOMLTable(string: text), path: path, prefix: "")
        } catch let e as TOMLParseError {
            throw FormatSpecError.syntax(path: path, line: e.source.begin.line, column: e.source.begin.column, reason: e.description)
        }
    }

    public func key(_ k: String) -> String { prefix.isEmpty ? k : prefix + "." + k }

    public var keys: [String] { table.keys }

    public func contains(_ k: String) -> Bool { table.contains(key: k) }

    /// Throws for the first key not in `allowed`.
    public func only(_ allowed: Set<String>) throws {
        for k in table.keys.sorted() where !allowed.contains(k) { throw FormatSpecError.unknownKey(path: path, key: key(k)) }
    }

    public func string(_ k: String) throws -> String? {
        guard let v = table[k] else { return nil }
        guard let s = v.string else { throw FormatSpecError.invalidValue(path: path, key: key(k), expected: "a string") }
        return s
    }

    public func requiredString(_ k: String) throws -> String {
        guard let s = try string(k) else { throw FormatSpecError.missingKey(path: path, key: key(k)) }
        return s
    }

    public func int(_ k: String, min: Int = Int.min) throws -> Int? {
        guard let v = table[k] else { return nil }
        guard let i = v.int, i >= min else {
            throw FormatSpecError.invalidValue(path: path, key: key(k), expected: min == Int.min ? "an integer" : "an integer ≥ \(min)")
        }
        return i
    }

    public func requiredInt(_ k: String, min: Int = Int.min) throws -> Int {
        guard let i = try int(k, min: min) else { throw FormatSpecError.missingKey(path: path, key: key(k)) }
        return i
    }

    public func bool(_ k: String) throws -> Bool? {
        guard let v = table[k] else { return nil }
        guard let b = v.bool else { throw FormatSpecError.invalidValue(path: path, key: key(k), expected: "true or false") }
        return b
    }

    /// A string, or an array of strings (a single string is read as a one-element array).
    public func strings(_ k: String) throws -> [String]? {
        guard let v = table[k] else { return nil }
        if let s = v.string { return [s] }
        guard let a = v.array else { throw FormatSpecError.invalidValue(path: path, key: key(k), expected: "a string or an array of strings") }
        var out: [String] = []
        for e in a {
            guard let s = e.string else { throw FormatSpecError.invalidValue(path: path, key: key(k), expected: "an array of strings") }
            out.append(s)
        }
        return out
    }

    public func table(_ k: String) throws -> SpecTable? {
        guard let v = table[k] else { return nil }
        guard let t = v.table else { throw FormatSpecError.invalidValue(path: path, key: key(k), expected: "a table") }
        return SpecTable(table: t, path: path, prefix: key(k))
    }

    public func requiredTable(_ k: String) throws -> SpecTable {
        guard let t = try table(k) else { throw FormatSpecError.missingKey(path: path, key: key(k)) }
        return t
    }

    /// An array of tables (`[[k]]`).
    public func tables(_ k: String) throws -> [SpecTable]? {
        guard let v = table[k] else { return nil }
        guard let a = v.array else { throw FormatSpecError.invalidValue(path: path, key: key(k), expected: "an array of tables") }
        var out: [SpecTable] = []
        for (i, e) in a.enumerated() {
            guard let t = e.table else { throw FormatSpecError.invalidValue(path: path, key: "\(key(k))[\(i)]", expected: "a table") }
            out.append(SpecTable(table: t, path: path, prefix: "\(key(k))[\(i)]"))
        }
        return out
    }

    /// An error about key `k` of this table.
    public func invalid(_ k: String, _ expected: String) -> FormatSpecError {
        FormatSpecError.invalidValue(path: path, key: key(k), expected: expected)
    }
}
