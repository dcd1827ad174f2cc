/// Hands a value to concurrent workers (or another thread) that the compiler cannot prove safe:
/// each worker touches only its own slot, or the receiving thread then owns the value alone (like
/// swift-nio's type of the same name). The one unchecked transfer box of the package.
package struct UnsafeTransfer<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
