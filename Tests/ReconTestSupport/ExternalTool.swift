import Foundation

/// Independent programs the export tests read Recon's files with: Python with openpyxl, LibreOffice
/// and headless Chromium (Debian: python3-openpyxl, libreoffice-calc-nogui, chromium-headless-shell;
/// `.ci/run` installs them). Where one is missing a test that needs it is skipped with a message,
/// except under CI (`CI=true`), where it runs and fails.
package enum ExternalTool {
    package static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A Python that imports openpyxl: `$RECON_PYTHON`, Debian's `/usr/bin/python3`, or `python3`.
    package static let python: String? = {
        var candidates = ["/usr/bin/python3", "/usr/local/bin/python3"]
        if let p = ProcessInfo.processInfo.environment["RECON_PYTHON"] { candidates.insert(p, at: 0) }
        if let p = which("python3") { candidates.append(p) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && ((try? run($0, ["-c", "import openpyxl"]).status) == 0) }
    }()

    package static let soffice: String? = which("soffice") ?? which("libreoffice")

    /// A Python that imports duckdb (the reference implementation's): `.venv-bench/bin/python`, which
    /// `scripts/bench` sets up, or `$RECON_REFERENCE_PYTHON`. Tests that need it are skipped without
    /// it, under CI too (the reference is a benchmark tool, not a test dependency).
    package static let referencePython: String? = {
        var candidates = [Fixture.repositoryRoot + "/.venv-bench/bin/python"]
        if let p = ProcessInfo.processInfo.environment["RECON_REFERENCE_PYTHON"] { candidates.insert(p, at: 0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && ((try? run($0, ["-c", "import duckdb"]).status) == 0) }
    }()

    package static let chromium: String? = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"].lazy.compactMap(which).first

    /// Whether a test needing `tool` runs: the tool is there, or this is CI.
    package static func available(_ tool: String?) -> Bool { tool != nil || isCI }

    package struct Result {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// Runs a program to completion, capturing its output.
    package static func run(_ executable: String, _ arguments: [String], directory: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read standard error on another thread so a chatty program cannot block on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); done.signal() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
