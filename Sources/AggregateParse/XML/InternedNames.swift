/// Values made once per name libxml2 interned (its dictionary gives each distinct name one pointer).
/// NOTE: a feed uses a few dozen names: a direct-mapped cache on the pointer answers nearly every look-up
/// with one comparison (hashing the pointer was a look-up per element and per namespace, 2% of a parse);
/// the dictionary behind it keeps every name met.
struct InternedNames<Value> {
    private var recent: [(key: UnsafeRawPointer?, value: Value)]
    private var all: [UnsafeRawPointer: Value] = [:]

    /// `slots` is a power of two; `placeholder` fills the empty slots.
    init(slots: Int, placeholder: Value) {
        recent = Array(repeating: (nil, placeholder), count: slots)
    }

    /// The value for `pointer`, made by `make` the first time.
    mutating func value(for pointer: UnsafePointer<CChar>, make: (UnsafePointer<CChar>) -> Value) -> Value {
        let key = UnsafeRawPointer(pointer)
        let slot = (Int(bitPattern: key) >> 3) & (recent.count - 1)
        if recent[slot].key == key { return recent[slot].value }
        let value: Value
        if let known = all[key] {
            value = known
        } else {
            value = make(pointer)
            all[key] = value
        }
        recent[slot] = (key, value)
        return value
    }
}
