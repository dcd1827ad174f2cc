/// `[groups]`: the group pass, after the tolerance pass. Without a batch id, several rows on one side
/// that sum exactly to one row on the other (many-to-one, one-to-many), or a set of rows whose two
/// sides net to the same total (many-to-many), are matched as a group. The search is bounded so that
/// a pathological account cannot stall a run; what hit the bound is reported.
package struct GroupConfiguration: Sendable, Equatable {
    /// Largest distance in days between a row of the group and the row it sums to (and, for a
    /// netting, between consecutive dates of the set).
    package var windowDays = 2
    /// Most rows on the many side of a group (2 or more), and on each side of a netting.
    package var maxItems = 3
    /// Most candidate rows considered for one row, the closest dates first (ties in content order).
    /// Groups of 2 or 3 are searched exactly over all of them; larger groups by a bounded search.
    package var maxCandidates = 32
    /// Most search steps for one row before the search gives up on it (reported).
    package var maxSteps = 2_000
    /// Whether sets of rows whose sides net to the same total are matched (many-to-many).
    package var netting = true

    package init() {}
}
