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
        // Entries are written in place: a copy of each (a dozen Strings to retain and release) is avoided.
        for i in feed.entries.indices {
            if i > 0 { w.raw(",") }
            w.entry(feed.entries[i])
        }
        w.raw("]}")
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

        mutating func entry(_ e: borrowing Entry) {
            raw("{")
            key("id"); string(e.id); raw(",")
            key("title"); string(e.title); raw(",")
            key("link"); string(e.link); raw(",")
            key("published"); date(e.published); raw(",")
            key("updated"); date(e.updated); raw(",")
            key("author"); string(e.author); raw(",")
            key("summary"); string(e.summary); raw(",")
            key("content"); string(e.content); raw(",")
            key("categories"); raw("[")
            for (j, c) in e.categories.enumerated() {
                if j > 0 { raw(",") }
                string(c)
            }
            raw("],")
            key("enclosures"); raw("[")
            for (j, enclosure) in e.enclosures.enumerated() {
                if j > 0 { raw(",") }
                raw("{")
                key("url"); string(enclosure.url); raw(",")
                key("type"); string(enclosure.type); raw(",")
                key("length"); raw(enclosure.length.map(String.init) ?? "null")
                raw("}")
            }
            raw("],")
            key("source")
            if let source = e.source {
                raw("{")
                key("title"); string(source.title); raw(",")
                key("url"); string(source.url)
                raw("}")
            } else {
                raw("null")
            }
            raw("}")
        }

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
            guard let s else { raw("null"); return }
            JSONEscaping.appendQuoted(s, to: &out)
        }
    }
}
