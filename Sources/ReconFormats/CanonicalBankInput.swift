import ReconCore

/// Canonical bank rows loaded for the format writers (``CamtWriter``, ``MT940Writer``,
/// ``BAI2Writer``): the ``BankTable`` columns plus the descriptions
/// (which the table does not keep), decoded and checked as ``CanonicalBankReader`` does.
struct CanonicalBankInput {
    var table = BankTable()
    var catalog = Catalog()
    var descriptions = TextColumn()
    let path: String

    /// Reads a canonical bank CSV with ``CanonicalBankReader`` (descriptions kept); the first bad row
    /// is an error naming its line and column.
    init<S: ByteSource>(source: inout S, path: String) throws {
        self.path = path
        var rejects = RejectLog(limit: 0)
        var table = BankTable()
        table.stores = .all
        var catalog = Catalog()
        _ = try CanonicalBankReader().read(source: &source, path: path, fileIndex: 0, into: &table, catalog: &catalog,
                                           rejects: &rejects)
        self.descriptions = table.description
        self.table = table
        self.catalog = catalog
    }

    /// The rows grouped into statements, one per (account, currency) in order of first appearance,
    /// each with its rows in input order.
    func statements() throws -> [CamtWriterStatement] {
        var index: [Int64: Int] = [:]
        var statements: [CamtWriterStatement] = []
        for i in 0..<table.count {
            let key = Int64(table.account[i]) << 32 | Int64(UInt32(bitPattern: table.currency[i]))
            let s: Int
            if let found = index[key] {
                s = found
            } else {
                s = statements.count
                index[key] = s
                statements.append(CamtWriterStatement(account: table.account[i], currency: table.currency[i],
                                                      firstDate: table.bookingDate[i], lastDate: table.bookingDate[i]))
            }
            statements[s].rows.append(Int32(i))
            let (sum, overflow) = statements[s].sum.addingReportingOverflow(table.amount[i])
            if overflow {
                throw InputError.badRecord(path: path, line: Int(table.line[i]), field: "amount",
                                           reason: "the account's closing balance does not fit in 64-bit minor units")
            }
            statements[s].sum = sum
            statements[s].firstDate = min(statements[s].firstDate, table.bookingDate[i])
            statements[s].lastDate = max(statements[s].lastDate, table.bookingDate[i])
        }
        return statements
    }
}
