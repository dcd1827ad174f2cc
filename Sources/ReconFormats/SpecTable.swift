import ReconConfig

/// Typed, checked access to one table of a format spec file: the configuration reader's table
/// (``ConfigurationTable``), under the name the family readers know it by. Every error names the spec
/// file and the full dotted key, and `only(_:)` refuses keys the reader does not know, so a typo never
/// passes; ``FormatSpec/init(toml:path:)`` turns the reader's errors into ``FormatSpecError`` with the
/// same message.
typealias SpecTable = ConfigurationTable
