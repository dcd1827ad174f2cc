/// Where a record came from: the index of its input file and its line (1-based) in that file.
public struct SourceLocation: Hashable, Sendable {
    public var file: Int
    public var line: Int

    public init(file: Int, line: Int) {
        self.file = file
        self.line = line
    }
}
