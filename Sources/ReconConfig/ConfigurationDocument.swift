import Foundation
internal import TOMLKit

/// Parses a configuration file into its root ``ConfigurationTable``, whichever syntax the file is
/// written in, so that format specs, the run configuration and the nightly job read their keys with
/// one set of rules. Every error is a ``ConfigurationFileError`` naming the file.
///
/// A file whose name ends in `.yaml` or `.yml` (any case) is YAML; any other file is TOML. A YAML
/// file has the same keys as the TOML one: mappings become tables, sequences arrays, and scalars are
/// typed by the YAML 1.2 core schema, the same for every Yams version:
///
/// - `true`/`false` (also `True`, `TRUE`, ...) are booleans; `yes`, `no`, `on` and `off` are strings;
/// - `12`, `-3`, `0x1f`, `0o17` are integers; `1.5`, `1e3`, `.inf` are floats;
/// - everything else, dates such as `2026-11-20` included, is a string (quote a value to be sure).
///
/// A key with no value (`key:` or `key: null`) is refused, since TOML has no null, as are keys that
/// are not strings, a key given twice in one mapping, and a document whose top level is not a mapping.
package enum ConfigurationDocument {
    /// Whether `path` names a YAML file: its extension is `yaml` or `yml`, in any case.
    package static func isYAML(path: String) -> Bool {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext == "yaml" || ext == "yml"
    }

    /// The root table of `text`, read from `path`: YAML when ``isYAML(path:)``, TOML otherwise.
    ///
    /// - Throws: ``ConfigurationFileError`` naming `path` (and the key, where one is at fault).
    package static func root(of text: String, path: String) throws -> ConfigurationTable {
        try isYAML(path: path) ? yamlRoot(of: text, path: path) : tomlRoot(of: text, path: path)
    }

    /// Reads the file at `path` and returns its bytes and its root table (see ``root(of:path:)``).
    ///
    /// - Throws: ``ConfigurationFileError/unreadable(path:reason:)`` when the file cannot be read or
    ///   is not UTF-8, and any error of ``root(of:path:)``.
    package static func load(path: String) throws -> (data: Data, root: ConfigurationTable) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationFileError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationFileError.unreadable(path: path, reason: "cannot read the file as UTF-8")
        }
        return (data, try root(of: text, path: path))
    }

    /// The root table of TOML `text`; a syntax error names the file, line and column.
    /// Text that toml++ would abort on (see ``TOMLPreflight``) is refused first.
    package static func tomlRoot(of text: String, path: String) throws -> ConfigurationTable {
        if let (line, column, reason) = TOMLPreflight.firstProblem(text) {
            throw ConfigurationFileError.syntax(path: path, line: line, column: column, reason: reason)
        }
        do {
            return ConfigurationTable(try TOMLTable(string: text), path: path)
        } catch let e as TOMLParseError {
            throw ConfigurationFileError.syntax(path: path, line: e.source.begin.line, column: e.source.begin.column,
                                                reason: e.description)
        }
    }

    /// The root table of YAML `text`, converted value by value (see the type's documentation).
    /// A syntax error is ``ConfigurationFileError/unreadable(path:reason:)`` with Yams's message,
    /// which gives the line and column; an empty document is an empty table.
    package static func yamlRoot(of text: String, path: String) throws -> ConfigurationTable {
        ConfigurationTable(try yamlTable(of: text, path: path), path: path)
    }
}
