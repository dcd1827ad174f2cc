import Foundation
import Testing
import ReconTestSupport

/// `docs/architecture.md` lists each module's dependencies as `Package.swift` declares them.
@Suite struct ArchitectureDocTests {
    @Test func theModuleListMatchesPackageSwift() throws {
        let package = try String(contentsOfFile: Fixture.repositoryRoot + "/Package.swift", encoding: .utf8)
        let doc = try String(contentsOfFile: Fixture.repositoryRoot + "/docs/architecture.md", encoding: .utf8)
        for module in ["ReconCore", "ReconConfig", "ReconFormats", "ReconMatch", "ReconStore", "ReconReport", "ReconRun", "recon"] {
            // The package: the quoted target names in the target's dependency list.
            let pattern = #"(?:\.target|\.executableTarget)\(\s*name: ""# + module + #""(?:,\s*dependencies:\s*\[(.*?)\])?"#
            let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            let match = try #require(regex.firstMatch(in: package, range: NSRange(package.startIndex..., in: package)), "\(module) in Package.swift")
            var declared = Set<String>()
            if let r = Range(match.range(at: 1), in: package) {
                let list = String(package[r])
                let names = try NSRegularExpression(pattern: #"(?<!name: )"([A-Za-z0-9]+)"(?!\s*\))"#)
                for m in names.matches(in: list, range: NSRange(list.startIndex..., in: list)) {
                    let name = String(list[Range(m.range(at: 1), in: list)!])
                    if !list.contains("package: \"\(name)\"") { declared.insert(name) }
                }
            }
            // The doc: "- `Module` → A, B, C [products]: ..."
            let line = try #require(doc.split(separator: "\n").first { $0.hasPrefix("- `\(module)` → ") }, "\(module) in architecture.md")
            var listed = String(line.dropFirst("- `\(module)` → ".count))
            if let cut = listed.firstIndex(where: { $0 == "[" || $0 == ":" }) { listed = String(listed[..<cut]) }
            let documented = Set(listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "(nothing)" })
            #expect(documented == declared, "\(module): docs \(documented.sorted()), Package.swift \(declared.sorted())")
        }
    }
}
