import ArgumentParser

@main
struct Recon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recon",
        abstract: "Reconcile bank statements against a platform ledger.",
        discussion: """
            Exit codes: 0 no break at or above the alert severity; 1 there are such breaks; \
            2 bad input, configuration or usage; 3 another run holds the lock.
            """,
        subcommands: [RunCommand.self, GenerateCommand.self]
    )
}
