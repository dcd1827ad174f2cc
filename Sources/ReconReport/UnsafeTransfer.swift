/// Hands values to concurrent workers that each touch only their own slot (like swift-nio's type of
/// the same name): the compiler cannot see that, so this type promises it.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
