import ArgumentParser
import ReconStore
import ReconRun

/// `recon resolve`: records a person's decision about a break.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Record a decision about a break (who decided what and why); a decided item is no longer carried forward.")

    @Argument(help: "The break's id (BRK-…, from `recon breaks`).")
    var breakId: String

    @Option(name: .customLong("as"), help: "write-off, explained or matched-with.")
    var decision: String

    @Argument(help: "For matched-with: the bank_ref or txn_id it was matched to.")
    var matchedWith: String?

    @Option(name: .long, help: "Why.")
    var note: String

    @Option(name: .long, help: "Who decided.")
    var by: String

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard let kind = Decision.Kind(rawValue: decision) else {
            throw ValidationError("--as must be one of \(Decision.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if kind == .matchedWith && matchedWith == nil { throw ValidationError("--as matched-with needs the id it was matched with") }
        if note.trimmingCharacters(in: .whitespaces).isEmpty || by.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--note and --by must not be empty")
        }
    }

    func run() throws {
        do {
            let d = Decision(breakId: breakId, kind: Decision.Kind(rawValue: decision)!, matchedWith: matchedWith,
                             note: note, decidedBy: by, decidedAt: RunStore.timestamp())
            try store.openToRecord().record(d)
            print("recorded: \(breakId) \(decision) by \(by)")
        } catch { throw ExitStatus.fail(error) }
    }
}
