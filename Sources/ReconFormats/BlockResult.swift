/// What one worker made of one block: its segment of rows, the rows it set aside, and the error
/// that stopped it, if any. Merged in file order.
struct BlockResult<Segment> {
    var segment: Segment
    var rows = 0
    var rejects: [(InputError, String)] = []
    var error: Error?
}
