import AggregateModel
import Foundation

/// An item's JSON as the store keeps it: what `JSONEncoder` with sorted keys writes for `Item`'s synthesized
/// `Codable` (keys in order, nil fields left out, dates as seconds since 2001), so `JSONDecoder` reads it back.
/// Written by hand because JSONEncoder was a quarter of saving an item on a cold run.
enum ItemJSON {
    static func encode(_ item: Item) -> [UInt8] {
        var w = Writer()
        // Room for a tenth more than the text: quotes in HTML attributes are escaped.
        let text = (item.content?.utf8.count ?? 0) + (item.summary?.utf8.count ?? 0)
        w.out.reserveCapacity(512 + text + text / 10)
        w.open()
        w.key("alsoReportedBy"); w.array(item.alsoReportedBy) { w, credit in w.credit(credit) }
        w.key("author", ifPresent: item.author) { w, v in w.string(v) }
        w.key("categories"); w.array(item.categories) { w, v in w.string(v) }
        w.key("content", ifPresent: item.content) { w, v in w.string(v) }
        w.key("enclosures"); w.array(item.enclosures) { w, enclosure in
            w.open()
            w.key("length", ifPresent: enclosure.length) { w, v in w.raw(String(v)) }
            w.key("type", ifPresent: enclosure.type) { w, v in w.string(v) }
            w.key("url"); w.string(enclosure.url)
            w.close()
        }
        w.key("firstSeen"); w.date(item.firstSeen)
        w.key("image", ifPresent: item.image) { w, v in w.string(v) }
        w.key("key"); w.string(item.key)
        w.key("link", ifPresent: item.link) { w, v in w.string(v) }
        w.key("provenance")
        w.open()
        w.key("originalAuthor", ifPresent: item.provenance.originalAuthor) { w, v in w.string(v) }
        w.key("originalID", ifPresent: item.provenance.originalID) { w, v in w.string(v) }
        w.key("source"); w.credit(item.provenance.source)
        w.key("upstream", ifPresent: item.provenance.upstream) { w, v in w.credit(v) }
        w.close()
        w.key("published", ifPresent: item.published) { w, v in w.date(v) }
        w.key("summary", ifPresent: item.summary) { w, v in w.string(v) }
        w.key("tags"); w.array(item.tags) { w, v in w.string(v) }
        w.key("title"); w.string(item.title)
        w.key("updated", ifPresent: item.updated) { w, v in w.date(v) }
        w.close()
        return w.out
    }

    private struct Writer {
        var out: [UInt8] = []
        /// Whether the object being written has a member yet. One flag does for all the open objects: a key is
        /// written only in the innermost, and when it closes, the object around it has a member (its key came first).
        /// (A stack of flags cost 370 instructions a key.)
        private var hasMember = false

        mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

        mutating func open() {
            out.append(UInt8(ascii: "{"))
            hasMember = false
        }

        mutating func close() {
            out.append(UInt8(ascii: "}"))
            hasMember = true
        }

        mutating func key(_ name: StaticString) {
            if hasMember { out.append(UInt8(ascii: ",")) }
            hasMember = true
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }

        mutating func key<T>(_ name: StaticString, ifPresent value: T?, _ write: (inout Writer, T) -> Void) {
            guard let value else { return }
            key(name)
            write(&self, value)
        }

        mutating func array<T>(_ values: [T], _ write: (inout Writer, T) -> Void) {
            out.append(UInt8(ascii: "["))
            for (i, value) in values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(&self, value)
            }
            out.append(UInt8(ascii: "]"))
        }

        mutating func credit(_ credit: Credit) {
            open()
            key("feedURL", ifPresent: credit.feedURL) { w, v in w.string(v) }
            key("link", ifPresent: credit.link) { w, v in w.string(v) }
            key("name"); string(credit.name)
            key("siteURL", ifPresent: credit.siteURL) { w, v in w.string(v) }
            key("sourceID"); string(credit.sourceID)
            close()
        }

        /// `Date`'s own encoding: a number of seconds since 2001-01-01, written so it reads back exactly.
        mutating func date(_ date: Date) {
            raw(date.timeIntervalSinceReferenceDate.description)
        }

        mutating func string(_ s: String) {
            JSONEscaping.appendQuoted(s, to: &out)
        }
    }
}
