internal import TOMLKit

/// Typed, checked access to one table of a configuration file, TOML or YAML (see
/// ``ConfigurationDocument``): the root, or a table below it.
///
/// Every error is a ``ConfigurationFileError`` naming the file and the full dotted key
/// (`fixed-width.records[1].fields.sign`), and ``only(_:)`` refuses keys the reader does not know, so
/// a typo never falls back to a default. The getters return nil for an absent key and throw for a
/// value of the wrong type; the `required` ones throw for an absent key too.
///
/// A reader either lists what it knows with ``only(_:)`` and asks for each key, or walks ``entries``
/// and refuses the names it does not know with ``ConfigurationValue/unknown()``.
package struct ConfigurationTable {
    let table: TOMLTable
    /// The file the table was read from.
    package let path: String
    /// The dotted key of this table ("" for the root).
    package let prefix: String

    init(_ table: TOMLTable, path: String, prefix: String = "") {
        self.table = table
        self.path = path
        self.prefix = prefix
    }

    /// The full dotted key of `k` in this table.
    package func key(_ k: String) -> String { prefix.isEmpty ? k : prefix + "." + k }

    /// The table's keys, in the parser's order (sorted).
    package var keys: [String] { table.keys }

    /// Whether the table has key `k`.
    package func contains(_ k: String) -> Bool { table.contains(key: k) }

    /// Throws ``ConfigurationFileError/unknownKey(path:key:)`` for the first key (in sorted order)
    /// not in `allowed`.
    package func only(_ allowed: Set<String>) throws {
        for k in table.keys.sorted() where !allowed.contains(k) { throw unknown(k) }
    }

    /// The value of `k`, nil when absent.
    package func value(_ k: String) -> ConfigurationValue? {
        table[k].map { ConfigurationValue($0, path: path, key: key(k)) }
    }

    /// The value of `k`; throws ``ConfigurationFileError/missingKey(path:key:)`` when absent.
    package func required(_ k: String) throws -> ConfigurationValue {
        guard let v = value(k) else { throw missing(k) }
        return v
    }

    /// Every key with its value, in the order of ``keys``.
    package var entries: [(name: String, value: ConfigurationValue)] {
        table.keys.map { k in (k, ConfigurationValue(table[k]!, path: path, key: key(k))) }
    }

    // MARK: - Optional values

    package func string(_ k: String) throws -> String? { try value(k)?.string() }

    /// See ``ConfigurationValue/int(min:max:expected:)``.
    package func int(_ k: String, min: Int = .min, max: Int = .max, expected: String? = nil) throws -> Int? {
        try value(k)?.int(min: min, max: max, expected: expected)
    }

    package func bool(_ k: String) throws -> Bool? { try value(k)?.bool() }

    package func double(_ k: String) throws -> Double? { try value(k)?.double() }

    /// A string, or an array of strings (a single string is read as a one-element array).
    package func strings(_ k: String) throws -> [String]? { try value(k)?.strings() }

    /// An array of strings; a failure says `expected`.
    package func stringArray(_ k: String, expected: String = "an array of strings") throws -> [String]? {
        try value(k)?.stringArray(expected: expected)
    }

    package func table(_ k: String) throws -> ConfigurationTable? { try value(k)?.table() }

    /// An array of tables (`[[k]]`).
    package func tables(_ k: String) throws -> [ConfigurationTable]? { try value(k)?.tables() }

    /// See ``ConfigurationValue/parsed(expected:_:)``.
    package func parsed<T>(_ k: String, expected: String, _ parse: (String) -> T?) throws -> T? {
        try value(k)?.parsed(expected: expected, parse)
    }

    /// See ``ConfigurationValue/size()``.
    package func size(_ k: String) throws -> Int? { try value(k)?.size() }

    // MARK: - Required values

    package func requiredString(_ k: String) throws -> String { try required(k).string() }

    package func requiredInt(_ k: String, min: Int = .min) throws -> Int { try required(k).int(min: min) }

    package func requiredTable(_ k: String) throws -> ConfigurationTable { try required(k).table() }

    // MARK: - Errors

    /// The error for key `k` of this table: it must be `expected`.
    package func invalid(_ k: String, _ expected: String) -> ConfigurationFileError {
        .invalidValue(path: path, key: key(k), expected: expected)
    }

    /// The error for this table as a whole (named by ``prefix``): it must be `expected`.
    package func invalid(expected: String) -> ConfigurationFileError {
        .invalidValue(path: path, key: prefix, expected: expected)
    }

    /// The error for key `k` of this table: no reader knows it.
    package func unknown(_ k: String) -> ConfigurationFileError { .unknownKey(path: path, key: key(k)) }

    /// The error for key `k` of this table: it is needed and absent.
    package func missing(_ k: String) -> ConfigurationFileError { .missingKey(path: path, key: key(k)) }
}
