import Foundation
public import AggregateModel

/// The normalized form of `aggregate parse --json` (see parse-json.md): one line, keys always
/// present and in a fixed order. Written by hand so the order is stable and output is fast.
public enum ParsedFeedJSON {
    /// One line, the parse-json.md form; with `path`, the JSON Lines form that names its input.
    public static func render(_ feed: Feed, path: String? = nil) -> String {
        var out: [UInt8] = []
        append(feed, path: path, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `render` appended as UTF-8 to `out`: no String made for output that goes straight to a file.
    public static func append(_ feed: Feed, path: String? = nil, to out: inout [UInt8]) {
        var w = Writer()
        swap(&w.out, &out)
        defer { swap(&w.out, &out) }
        // The content is most of the line: room for it, escapes and keys at once, rather than the line
        // copied at every doubling (a feed's line is 200 KB on average).
        var estimate = 1024
        for entry in feed.entries {
            estimate += 512 + (entry.content?.utf8.count ?? 0) + (entry.summary?.utf8.count ?? 0) + (entry.title?.utf8.count ?? 0)
        }
        w.out.reserveCapacity(w.out.count + estimate + estimate / 16)
        w.literal("{")
        if let path {
            w.key("path"); w.string(path); w.literal(",")
        }
        w.key("format"); w.string(feed.format.rawValue); w.literal(",")
        w.key("title"); w.string(feed.title); w.literal(",")
        w.key("link"); w.string(feed.link); w.literal(",")
        w.key("description"); w.string(feed.description); w.literal(",")
        w.key("language"); w.string(feed.language); w.literal(",")
        w.key("updated"); w.date(feed.updated); w.literal(",")
        w.key("image"); w.string(feed.image); w.literal(",")
        w.key("entries"); w.literal("[")
        // Entries are written in place: a copy of each (a dozen Strings to retain and release) is avoided.
        for i in feed.entries.indices {
            if i > 0 { w.literal(",") }
            w.entry(feed.entries[i])
        }
        w.literal("]}")
    }

    /// `{"path": …, "error": …}` for an input that failed.
    public static func renderError(_ message: String, path: String) -> String {
        var w = Writer()
        w.literal("{")
        w.key("path"); w.string(path); w.literal(",")
        w.key("error"); w.string(message)
        w.literal("}")
        return String(decoding: w.out, as: UTF8.self)
    }

    private struct Writer {
        var out: [UInt8] = []

        mutating func entry(_ e: borrowing Entry) {
            literal("{")
            key("id"); string(e.id); literal(",")
            key("title"); string(e.title); literal(",")
            key("link"); string(e.link); literal(",")
            key("published"); date(e.published); literal(",")
            key("updated"); date(e.updated); literal(",")
            key("author"); string(e.author); literal(",")
            key("summary"); string(e.summary); literal(",")
            key("content"); string(e.content); literal(",")
            key("categories"); literal("[")
            for (j, c) in e.categories.enumerated() {
                if j > 0 { literal(",") }
                string(c)
            }
            literal("],")
            key("enclosures"); literal("[")
            for (j, enclosure) in e.enclosures.enumerated() {
                if j > 0 { literal(",") }
                literal("{")
                key("url"); string(enclosure.url); literal(",")
                key("type"); string(enclosure.type); literal(",")
                key("length"); raw(enclosure.length.map(String.init) ?? "null")
                literal("}")
            }
            literal("],")
            key("source")
            if let source = e.source {
                literal("{")
                key("title"); string(source.title); literal(",")
                key("url"); string(source.url)
                literal("}")
            } else {
                literal("null")
            }
            literal("}")
        }

        // NOTE: keys and punctuation are literals: their bytes are copied as they are (appending a String's
        // UTF-8 view took ~170 instructions a call, a tenth of the JSON writing).
        mutating func literal(_ s: StaticString) { out.append(literal: s) }

        mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

        mutating func key(_ k: StaticString) {
            out.append(UInt8(ascii: "\""))
            literal(k)
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }

        mutating func date(_ d: Date?) {
            guard let d else { literal("null"); return }
            string(CivilTime.rfc3339(d))
        }

        mutating func string(_ s: String?) {
            guard let s else { literal("null"); return }
            JSONEscaping.appendQuoted(s, to: &out)
        }
    }
}
