/// A mutable buffer shared by concurrent partitions that write disjoint indices.
///
/// Like swift-nio's `UnsafeTransfer`: the compiler cannot see that partitions never touch the same
/// index, so the type promises it. Every pass writes only rows of its own partition.
struct SendableBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Element>

    init(_ pointer: UnsafeMutableBufferPointer<Element>) { self.pointer = pointer }

    subscript(i: Int) -> Element {
        get { pointer[i] }
        nonmutating set { pointer[i] = newValue }
    }
}
