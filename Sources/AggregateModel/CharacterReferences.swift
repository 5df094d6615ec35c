/// The scan shared by the decoders of `&name;` and `&#…;` references; each caller says which names it knows.
public enum CharacterReferences {
    /// Replaces every reference that `resolve` knows (the text between `&` and a `;` at most 11 characters
    /// later); anything else, a bare `&` included, stays as written.
    public static func decode(_ text: Substring, resolve: (Substring) -> String?) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            guard c == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";"),
                  let decoded = resolve(text[text.index(after: index)..<semicolon]) else {
                out.append(c)
                index = text.index(after: index)
                continue
            }
            out += decoded
            index = text.index(after: semicolon)
        }
        return out
    }
}
