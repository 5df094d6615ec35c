/// Writes values so that `feeds.conf` reads them back unchanged.
public enum ConfigQuoting {
    /// A double-quoted value with `"` and `\` escaped: `"Al \"Wire\""`.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A `key = value` value: bare when it reads back the same, quoted otherwise.
    public static func value(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.first!.isWhitespace || text.last!.isWhitespace
            || text.first == "\"" || text.contains("#")
        return needsQuotes ? quoted(text) : text
    }

    /// Text safe inside a `#` comment line.
    static func comment(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
