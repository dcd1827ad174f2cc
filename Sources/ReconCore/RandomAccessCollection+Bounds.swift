extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// In a collection sorted ascending: the first index whose element is not below `value`
    /// (`endIndex` when all are), by binary search.
    @inlinable
    public func lowerBound(of value: Element) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// In a collection sorted ascending: the first index whose element is above `value`.
    @inlinable
    public func upperBound(of value: Element) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
