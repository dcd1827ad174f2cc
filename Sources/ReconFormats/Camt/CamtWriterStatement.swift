/// One statement ``CamtWriter`` writes: the rows of one account in one currency.
struct CamtWriterStatement {
    var account: Int32
    var currency: Int32
    /// Earliest and latest booking dates (day numbers): the opening and closing balance dates.
    var firstDate: Int32
    var lastDate: Int32
    /// Row numbers of the table, in input order.
    var rows: [Int32] = []
    /// Signed sum of the rows: the closing balance, the opening being zero.
    var sum: Int64 = 0
}
