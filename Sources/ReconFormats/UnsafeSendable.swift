/// Hands a value to concurrent workers that the compiler cannot prove safe: each worker touches only
/// its own slot (like swift-nio's `UnsafeTransfer`).
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
