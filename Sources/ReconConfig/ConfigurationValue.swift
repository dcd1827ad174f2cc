import ReconCore
internal import TOMLKit

/// One value of a configuration file, with the file and the full dotted key it was found under, so
/// that a typed read that fails names both.
///
/// Every read checks the type and throws ``ConfigurationFileError/invalidValue(path:key:expected:)``
/// when it does not fit; nothing is converted silently (a quoted `"2"` is not an integer, `1` is not
/// `true`).
package struct ConfigurationValue {
    let value: TOMLValueConvertible
    /// The file the value was read from.
    package let path: String
    /// The full dotted key (`tolerance.fees[0].fixed`).
    package let key: String

    init(_ value: TOMLValueConvertible, path: String, key: String) {
        self.value = value
        self.path = path
        self.key = key
    }

    /// A string.
    package func string() throws -> String {
        guard let s = value.string else { throw invalid("a string") }
        return s
    }

    /// An integer from `min` to `max`. A failure says `expected`, or by default "an integer",
    /// "an integer ≥ min" or "an integer from min to max".
    package func int(min: Int = .min, max: Int = .max, expected: String? = nil) throws -> Int {
        guard let i = value.int, i >= min, i <= max else {
            throw invalid(expected ?? (max != .max ? "an integer from \(min) to \(max)"
                                        : min == .min ? "an integer" : "an integer ≥ \(min)"))
        }
        return i
    }

    /// `true` or `false`.
    package func bool() throws -> Bool {
        guard let b = value.bool else { throw invalid("true or false") }
        return b
    }

    /// A number: a float, or an integer read as one.
    package func double() throws -> Double {
        if let d = value.double { return d }
        guard let i = value.int else { throw invalid("a number") }
        return Double(i)
    }

    /// A string, or an array of strings; a single string is read as a one-element array.
    package func strings() throws -> [String] {
        if let s = value.string { return [s] }
        guard value.array != nil else { throw invalid("a string or an array of strings") }
        return try stringArray()
    }

    /// An array of strings (a single string is refused). A failure says `expected`.
    package func stringArray(expected: String = "an array of strings") throws -> [String] {
        guard let a = value.array else { throw invalid(expected) }
        return try a.map { e in
            guard let s = e.string else { throw invalid(expected) }
            return s
        }
    }

    /// A table (`[k]`, or a YAML mapping); its keys are named below this one.
    package func table() throws -> ConfigurationTable {
        guard let t = value.table else { throw invalid("a table") }
        return ConfigurationTable(t, path: path, prefix: key)
    }

    /// An array of tables (`[[k]]`, or a YAML sequence of mappings); the i-th is named `key[i]`.
    package func tables() throws -> [ConfigurationTable] {
        guard let a = value.array else { throw invalid("an array of tables") }
        return try a.enumerated().map { i, e in
            guard let t = e.table else {
                throw ConfigurationFileError.invalidValue(path: path, key: "\(key)[\(i)]", expected: "a table")
            }
            return ConfigurationTable(t, path: path, prefix: "\(key)[\(i)]")
        }
    }

    /// A string that `parse` turns into a value: a severity, a decimal, a comparison. A value that is
    /// not a string, or that `parse` refuses (nil), fails saying `expected`.
    package func parsed<T>(expected: String, _ parse: (String) -> T?) throws -> T {
        guard let s = value.string, let parsed = parse(s) else { throw invalid(expected) }
        return parsed
    }

    /// A size: a positive number of bytes, or a string such as `"4GiB"` (see `ByteSize`).
    package func size() throws -> Int {
        if let i = value.int, i > 0 { return i }
        return try parsed(expected: "a size such as \"4GiB\", \"512MiB\" or a number of bytes", ByteSize.parse)
    }

    /// The error for this value: it must be `expected`.
    package func invalid(_ expected: String) -> ConfigurationFileError {
        .invalidValue(path: path, key: key, expected: expected)
    }

    /// The error for this value's key: no reader knows it.
    package func unknown() -> ConfigurationFileError {
        .unknownKey(path: path, key: key)
    }
}
