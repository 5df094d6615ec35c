/// A value that does not have the expected form; `message` says what was expected.
struct ValueError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
