/// A statement and the bank input (its position among the bank files) it came from.
public struct FileStatement: Sendable, Equatable {
    public var file: Int
    public var statement: StatementSummary

    public init(file: Int, statement: StatementSummary) {
        self.file = file
        self.statement = statement
    }
}
