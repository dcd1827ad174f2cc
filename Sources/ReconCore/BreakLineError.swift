/// A record of a break report that is not a break line: the file, line and column, what it holds
/// and what was expected there.
public struct BreakLineError: ReconError, Equatable {
    public var path: String
    public var line: Int
    public var column: String
    public var value: String
    public var expected: String

    public init(path: String, line: Int, column: String, value: String, expected: String) {
        self.path = path; self.line = line; self.column = column; self.value = value; self.expected = expected
    }

    public var description: String {
        "\(path): line \(line), column \(column): \"\(value)\" is not \(expected)"
    }

    public var exitCode: Int32 { 2 }
}
