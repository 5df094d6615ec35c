/// Sizes written as a whole number and an optional unit: `16MiB`, `512KB`, `1048576`.
public enum ByteSizeValue {
    /// Decimal units are powers of 1000, binary ones powers of 1024; a bare number is bytes.
    static let units: [(suffix: String, bytes: Int)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
        ("KB", 1_000), ("kB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ]

    /// The size in bytes, or nil when `text` is not a number with one of the accepted units.
    public static func bytes(_ text: String) -> Int? {
        var digits = Substring(text)
        var scale = 1
        for (suffix, bytes) in units where text.hasSuffix(suffix) {
            digits = text.dropLast(suffix.count)
            scale = bytes
            break
        }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits) else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    static func positive(_ text: String) throws(ValueError) -> Int {
        guard let bytes = bytes(text) else {
            throw ValueError("\"\(text)\" is not a size; expected a whole number and a unit: B, KB, MB, GB, KiB, MiB or GiB (e.g. 16MiB, 512KB)")
        }
        guard bytes > 0 else { throw ValueError("\"\(text)\" is zero; expected a size larger than zero") }
        return bytes
    }
}
