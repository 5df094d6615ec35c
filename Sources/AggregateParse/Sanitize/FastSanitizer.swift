/// The short way through the HTML most feeds carry: markup that libxml2's HTML parser reads exactly as
/// written (allowed elements, properly nested and closed, quoted or plain attributes, known references)
/// is sanitized in one pass over the bytes, with the same rules and the same output as the libxml2 path.
/// At the first thing outside that subset it gives up (nil) and `HTMLSanitizer` takes the libxml2 path:
/// the subset only decides how fast, never what comes out (tests compare both paths on the corpus and
/// on mutations of it).
enum FastSanitizer {
    static func sanitize(_ html: String, base: String?) -> String? {
        ByteText.withBytes(html) { input -> String? in
            var scanner = FastScanner(input: input, base: base)
            guard scanner.run() else { return nil }
            // NOTE: the output is the input's bytes in order, ASCII markup and encoded scalars: well-formed
            // UTF-8 whenever the input is, and a String's always is. So it is not checked again.
            return scanner.out.withBytes { bytes in
                guard #available(macOS 26, *) else { return String(decoding: bytes, as: UTF8.self) }
                return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: false))
            }
        }
    }

    static let img = HTMLSanitizer.allowedElements.firstIndex(of: "img")!
}
