import Foundation
public import AggregateModel

/// The normalized form of `aggregate parse --json` (see parse-json.md): one line, keys always
/// present and in a fixed order. Written by hand so the order is stable and output is fast.
public enum ParsedFeedJSON {
    /// One line, the parse-json.md form; with `path`, the JSON Lines form that names its input.
    public static func render(_ feed: Feed, path: String? = nil) -> String {
        var w = Writer()
        w.raw("{")
        if let path {
            w.key("path"); w.string(path); w.raw(",")
        }
        w.key("format"); w.string(feed.format.rawValue); w.raw(",")
        w.key("title"); w.string(feed.title); w.raw(",")
        w.key("link"); w.string(feed.link); w.raw(",")
        w.key("description"); w.string(feed.description); w.raw(",")
        w.key("language"); w.string(feed.language); w.raw(",")
        w.key("updated"); w.date(feed.updated); w.raw(",")
        w.key("image"); w.string(feed.image); w.raw(",")
        w.key("entries"); w.raw("[")
        for (i, e) in feed.entries.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.key("id"); w.string(e.id); w.raw(",")
            w.key("title"); w.string(e.title); w.raw(",")
            w.key("link"); w.string(e.link); w.raw(",")
            w.key("published"); w.date(e.published); w.raw(",")
            w.key("updated"); w.date(e.updated); w.raw(",")
            w.key("author"); w.string(e.author); w.raw(",")
            w.key("summary"); w.string(e.summary); w.raw(",")
            w.key("content"); w.string(e.content); w.raw(",")
            w.key("categories"); w.raw("[")
            for (j, c) in e.categories.enumerated() {
                if j > 0 { w.raw(",") }
                w.string(c)
            }
            w.raw("],")
            w.key("enclosures"); w.raw("[")
            for (j, enclosure) in e.enclosures.enumerated() {
                if j > 0 { w.raw(",") }
                w.raw("{")
                w.key("url"); w.string(enclosure.url); w.raw(",")
                w.key("type"); w.string(enclosure.type); w.raw(",")
                w.key("length"); w.raw(enclosure.length.map(String.init) ?? "null")
                w.raw("}")
            }
            w.raw("],")
            w.key("source")
            if let source = e.source {
                w.raw("{")
                w.key("title"); w.string(source.title); w.raw(",")
                w.key("url"); w.string(source.url)
                w.raw("}")
            } else {
                w.raw("null")
            }
            w.raw("}")
        }
        w.raw("]}")
        return String(decoding: w.out, as: UTF8.self)
    }

    /// `{"path": …, "error": …}` for an input that failed.
    public static func renderError(_ message: String, path: String) -> String {
        var w = Writer()
        w.raw("{")
        w.key("path"); w.string(path); w.raw(",")
        w.key("error"); w.string(message)
        w.raw("}")
        return String(decoding: w.out, as: UTF8.self)
    }

    private struct Writer {
        var out: [UInt8] = []

        mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

        mutating func key(_ k: String) {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: k.utf8)
            out.append(contentsOf: "\":".utf8)
        }

        mutating func date(_ d: Date?) {
            guard let d else { raw("null"); return }
            string(CivilTime.rfc3339(d))
        }

        mutating func string(_ s: String?) {
            guard var s else { raw("null"); return }
            out.append(UInt8(ascii: "\""))
            s.withUTF8 { p in
                // Copy runs that need no escaping in one go.
                var runStart = 0
                for i in 0..<p.count {
                    let b = p[i]
                    guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                    if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i])) }
                    runStart = i + 1
                    switch b {
                    case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                    case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                    case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                    case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                    case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                    default:
                        let hex = Array("0123456789abcdef".utf8)
                        out.append(contentsOf: "\\u00".utf8)
                        out.append(hex[Int(b >> 4)])
                        out.append(hex[Int(b & 0xF)])
                    }
                }
                if runStart < p.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<p.count])) }
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}
