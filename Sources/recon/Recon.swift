import ArgumentParser
import Foundation

@main
struct Recon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recon",
        abstract: "Reconcile bank statements against a platform ledger.",
        discussion: """
            Exit codes: 0 no break at or above the alert severity; 1 there are such breaks; \
            2 bad input, configuration or usage; 3 another run holds the lock; 130 or 143 stopped by \
            SIGINT or SIGTERM (temporaries removed, lock released, the run recorded as interrupted).
            """,
        subcommands: [RunCommand.self, InspectCommand.self, ConvertCommand.self, GenerateCommand.self, ConfigCommand.self,
                      BreaksCommand.self, ResolveCommand.self, AuditCommand.self, CustodyReportCommand.self,
                      ExportCommand.self, ReportCommand.self]
    )

    /// Parses and runs, mapping usage errors to exit code 2 as DESIGN.md's exit codes require
    /// (swift-argument-parser would use 64).
    static func main() {
        ReconLog.bootstrap()
        FileModes.restrict()
        StopSignals.install()
        // A file grown past the size limit (`ulimit -f`) is a write error naming the file, as on a
        // full disk, not a kill that leaves the run's lock and temporaries behind.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(ExitStatus.badInput)
            }
            exit(withError: error)
        }
    }
}
