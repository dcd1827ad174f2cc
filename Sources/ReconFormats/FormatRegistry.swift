import Foundation
import ReconCore

/// The format specs a run can use: the `formats/` folder's files, found by name or path, and
/// detection of an input's format from its first bytes.
package struct FormatRegistry: Sendable {
    package private(set) var specs: [FormatSpec] = []
    /// Folders searched for `NAME.toml`.
    package let directories: [String]

    /// Loads every `*.toml` spec of `directories` (the first folder that has a name wins).
    package init(directories: [String] = FormatRegistry.defaultDirectories()) throws {
        self.directories = directories
        var seen = Set<String>()
        for dir in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for file in names.sorted() where file.hasSuffix(".toml") {
                let spec = try FormatRegistry.load(path: dir + "/" + file)
                if seen.insert(spec.name).inserted { specs.append(spec) }
            }
        }
    }

    /// Where specs are looked for: `$RECON_FORMATS`, `./formats`, the repository's `formats/` next to
    /// a binary built in `.build/`, and `share/recon/formats` next to an installed binary.
    package static func defaultDirectories() -> [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["RECON_FORMATS"] { dirs.append(env) }
        dirs.append(FileManager.default.currentDirectoryPath + "/formats")
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
            for _ in 0..<4 {
                url.deleteLastPathComponent()
                dirs.append(url.path + "/formats")
            }
            dirs.append(URL(fileURLWithPath: exe).deletingLastPathComponent().deletingLastPathComponent().path + "/share/recon/formats")
        }
        var unique: [String] = []
        for d in dirs where !unique.contains(d) && FileManager.default.fileExists(atPath: d) { unique.append(d) }
        return unique
    }

    package static func load(path: String) throws -> FormatSpec {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw FormatSpecError.unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        return try FormatSpec(toml: text, path: path)
    }

    /// A spec by name (`cfonb120`) or by path (anything with a `/` or ending in `.toml`).
    package func spec(_ nameOrPath: String) throws -> FormatSpec {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") { return try FormatRegistry.load(path: nameOrPath) }
        if let s = specs.first(where: { $0.name == nameOrPath }) { return s }
        throw FormatSpecError.notFound(name: nameOrPath, searched: directories)
    }

    /// The spec of `side` whose detection rules the input's head fits; an error when none or several
    /// equally good ones do.
    package func detect(_ input: OpenedInput, side: Side) throws -> FormatSpec {
        var candidates: [FormatSpec] = []
        for spec in specs where spec.side == side && !spec.detection.isEmpty {
            let decoded: [UInt8]
            if spec.encoding == .utf8 {
                decoded = input.head
            } else {
                var out: [UInt8] = []
                if let t = try? Transcoder(from: spec.encoding) {
                    _ = input.head.withUnsafeBufferPointer { t.convertSome($0, appendingTo: &out, final: false) }
                }
                decoded = out
            }
            if spec.detection.matches(decoded: decoded, raw: input.head) { candidates.append(spec) }
        }
        guard let best = candidates.map(\.detection.priority).max() else {
            throw FormatSpecError.undetected(path: input.path, reason: "no spec in \(directories.joined(separator: ", ")) recognises its first bytes")
        }
        let top = candidates.filter { $0.detection.priority == best }
        if top.count > 1 {
            throw FormatSpecError.undetected(path: input.path, reason: "several specs fit: " + top.map(\.name).joined(separator: ", "))
        }
        return top[0]
    }
}
