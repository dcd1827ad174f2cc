import Foundation

/// Runs the built `recon` executable, as cron or a person would, and captures what it says.
package struct ReconProcess {
    package struct Result {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The `recon` binary beside the test bundle (the test target depends on it, so it is built).
    package static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [beside, beside.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("recon").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return Fixture.repositoryRoot + "/.build/debug/recon"
    }

    /// Runs `recon ARGS` in `directory` (the repository root by default), with `environment` added to
    /// the test's own. A status above 128 is a signal (a crash). With `fileSizeLimit` (bytes, rounded
    /// down to 512-byte blocks) it runs under `ulimit -f`, as on a disk that fills up: no file it
    /// writes grows past that size. The shell forks it rather than `exec`, so that it starts with no
    /// signal blocked, as under cron or systemd (the test's thread blocks most signals, and a
    /// process exec'd from it would inherit that mask and never see SIGXFSZ).
    @discardableResult
    package static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
                            fileSizeLimit: Int? = nil) throws -> Result {
        let p = Process()
        if let limit = fileSizeLimit {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "ulimit -f \(limit / 512) && \"$0\" \"$@\"", executable] + arguments
        } else {
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = arguments
        }
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        p.currentDirectoryURL = URL(fileURLWithPath: directory ?? Fixture.repositoryRoot)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Both pipes are drained at once: a child that fills one (progress lines on standard error)
        // while the other is read to its end would wait forever.
        let errors = PipeDrain(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = errors.wait()
        p.waitUntilExit()
        return Result(status: p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    /// A fresh temporary directory.
    package static func temporaryDirectory(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("recon-test-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe carried, once it is closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}
