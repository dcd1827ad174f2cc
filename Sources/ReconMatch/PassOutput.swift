/// Breaks and the related rows they name, as passes and partitions produce them.
struct PassOutput: Sendable {
    var breaks: [BreakRecord] = []
    var related: [Int32] = []
    /// Rows whose group search stopped at its bound (``GroupConfiguration/maxSteps``).
    var boundHits: [RowRef] = []
    /// The scored pass's suggestions, and the scores of the pairs it matched.
    var suggestions: [Suggestion] = []
    var scores: [Suggestion] = []
    var conversions: [FXConversion] = []
    var groupSuggestions: [GroupSuggestion] = []

    /// Appends another output, moving its related-row offsets past ours.
    mutating func append(_ other: PassOutput) {
        let base = Int32(related.count)
        related.append(contentsOf: other.related)
        boundHits.append(contentsOf: other.boundHits)
        suggestions.append(contentsOf: other.suggestions)
        scores.append(contentsOf: other.scores)
        conversions.append(contentsOf: other.conversions)
        groupSuggestions.append(contentsOf: other.groupSuggestions)
        for var b in other.breaks {
            b.relatedOffset += base
            breaks.append(b)
        }
    }
}
