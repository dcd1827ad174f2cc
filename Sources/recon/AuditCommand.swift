import ArgumentParser
import ReconStore
import ReconRun

/// `recon audit verify`: recomputes the run store's audit chain.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the run store's audit chain.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every audit record from the stored runs, their inputs and the report files; report the first that does not match.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            do {
                let (records, finding) = try store.open().verifyAudit()
                if let finding {
                    printError("recon: audit chain broken at \(finding)")
                    throw ExitCode(ExitStatus.badInput)
                }
                print("audit chain verified: \(records) records")
            } catch let e as ExitCode { throw e } catch { throw ExitStatus.fail(error) }
        }
    }
}
