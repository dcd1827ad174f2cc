/// The row numbers of one side of a group: a view on the partition's sorted entries, no copy.
struct RowList: RandomAccessCollection {
    let base: UnsafePointer<KeyEntry>
    let startIndex: Int
    let endIndex: Int

    @inline(__always)
    subscript(i: Int) -> Int32 { base[i].row }
}
