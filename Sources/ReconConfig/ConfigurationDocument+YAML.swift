internal import TOMLKit
internal import Yams

/// The conversion of a YAML document to the table a TOML file gives (see ``ConfigurationDocument``).
extension ConfigurationDocument {
    /// The table of YAML `text` (see ``yamlRoot(of:path:)``).
    static func yamlTable(of text: String, path: String) throws -> TOMLTable {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, try coreSchema())
        } catch {
            throw ConfigurationFileError.unreadable(path: path, reason: "\(error)")
        }
        guard let node else { return TOMLTable() }
        guard let mapping = node.mapping else {
            throw structureError(path: path, node: node,
                                 reason: "the top level of a YAML configuration must be a mapping of keys to values, not a \(kind(of: node))")
        }
        return try table(mapping, key: "", path: path)
    }

    /// The YAML 1.2 core schema's implicit types. Built here rather than taken from
    /// `Resolver.default`, whose YAML 1.1 rules (`yes`/`no`/`on`/`off` booleans, octal `010`,
    /// sexagesimal `1:30`, timestamps) have changed between Yams versions.
    private static func coreSchema() throws -> Resolver {
        try Resolver.basic
            .appending(.null, "^(?:~|null|Null|NULL|)$")
            .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
            .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
            .appending(.float, "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
    }

    private static func table(_ mapping: Node.Mapping, key: String, path: String) throws -> TOMLTable {
        let table = TOMLTable()
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            guard let scalar = keyNode.scalar, tagName(of: keyNode) == .str else {
                let shown = keyNode.scalar.map { "'\($0.string)'" } ?? "a \(kind(of: keyNode))"
                throw structureError(path: path, node: keyNode,
                                     reason: "key \(shown)\(key.isEmpty ? "" : " in '\(key)'") is not a string; quote it")
            }
            let name = key.isEmpty ? scalar.string : key + "." + scalar.string
            guard seen.insert(scalar.string).inserted else {
                throw structureError(path: path, node: keyNode, reason: "duplicate key '\(name)'")
            }
            table[scalar.string] = try value(valueNode, key: name, path: path)
        }
        return table
    }

    private static func value(_ node: Node, key: String, path: String) throws -> TOMLValueConvertible {
        switch node {
        case .mapping(let mapping):
            return try table(mapping, key: key, path: path)
        case .sequence(let sequence):
            let array = TOMLArray()
            for (i, element) in sequence.enumerated() {
                array.append(try value(element, key: "\(key)[\(i)]", path: path))
            }
            return array
        case .scalar(let scalar):
            return try self.scalar(scalar, tag: tagName(of: node), key: key, path: path)
        }
    }

    private static func scalar(_ scalar: Node.Scalar, tag: Tag.Name, key: String, path: String) throws -> TOMLValueConvertible {
        let s = scalar.string
        func invalid(_ expected: String) -> ConfigurationFileError {
            ConfigurationFileError.invalidValue(path: path, key: key, expected: expected)
        }
        switch tag {
        case .str:
            return s
        case .bool:
            switch s {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: throw invalid("true or false")
            }
        case .int:
            let digits = s.hasPrefix("+") ? String(s.dropFirst()) : s
            let parsed: Int?
            if digits.hasPrefix("0x") {
                parsed = Int(digits.dropFirst(2), radix: 16)
            } else if digits.hasPrefix("0o") {
                parsed = Int(digits.dropFirst(2), radix: 8)
            } else {
                parsed = Int(digits, radix: 10)
            }
            guard let parsed else { throw invalid("an integer (found '\(s)')") }
            return parsed
        case .float:
            switch s.lowercased() {
            case ".inf", "+.inf": return Double.infinity
            case "-.inf": return -Double.infinity
            case ".nan": return Double.nan
            default:
                guard let d = Double(s) else { throw invalid("a number (found '\(s)')") }
                return d
            }
        case .null:
            throw invalid("a value (it is empty or null)")
        default:
            throw invalid("a string, number or true/false (the YAML tag '\(tag.rawValue)' is not supported)")
        }
    }

    /// A mistake in the shape of the document, at `node`'s line and column.
    private static func structureError(path: String, node: Node, reason: String) -> ConfigurationFileError {
        guard let mark = node.mark else { return .unreadable(path: path, reason: reason) }
        return .syntax(path: path, line: mark.line, column: mark.column, reason: reason)
    }

    /// The resolved tag of `node` (Yams keeps `Tag.name` internal; its description is the name).
    private static func tagName(of node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.description)
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        case .scalar: return "scalar"
        }
    }
}
