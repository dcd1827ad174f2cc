import ArgumentParser
import ReconStore
import ReconRun

/// `recon audit verify`: recomputes the run store's audit chain.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the run store's audit chain.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every audit record from what the store holds and the report files; report the first that does not match, and the head.",
            discussion: "Prints the chain's head ('COUNT HASH'); keep it elsewhere (it is also written beside the store, <store>.audit-head) and pass it with --head to prove that nothing was cut from the chain's end.")

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("The chain's head kept elsewhere, as `audit verify` printed it ('COUNT HASH'), or a file holding it: the chain must reach it and hold it.", valueName: "HEAD|FILE"))
        var head: String?

        func run() throws {
            do {
                var expected: AuditHead?
                if let head {
                    guard let parsed = AuditHead(head) ?? (try? AuditHead.read(path: head)) ?? nil else {
                        throw ValidationError("--head '\(head)' is neither 'COUNT HASH' nor a file holding it")
                    }
                    expected = parsed
                }
                switch try store.openExisting().verifyAudit(expected: expected) {
                case .failure(let finding):
                    printError("recon: audit chain broken at \(finding)")
                    throw ExitCode(ExitStatus.badInput)
                case .success(let head):
                    print("audit chain verified: \(head.count) records")
                    print("head: \(head)")
                }
            } catch let e as ExitCode { throw e } catch let e as ValidationError { throw e } catch { throw ExitStatus.fail(error) }
        }
    }
}
