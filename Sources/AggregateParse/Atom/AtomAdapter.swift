import Foundation
internal import AggregateModel

/// Maps Atom feeds and entries onto the common model.
final class AtomAdapter {
    let context: AdapterContext
    private(set) var entries: [Entry] = []

    init(context: AdapterContext) { self.context = context }

    private func updateFallback(_ feed: AtomFeed) {
        guard context.fallbackBase == nil else { return }
        if let s = feed.selfLink, URLResolver.isSafeAbsolute(s) { context.fallbackBase = s }
        else if let a = feed.alternate, URLResolver.isSafeAbsolute(a) { context.fallbackBase = a }
    }

    private func html(_ text: AtomText?) -> String? {
        guard let text else { return nil }
        if text.kind == "text" { return context.textAsHTML(text.value) }
        return context.html(text.value, base: text.base)
    }

    private func title(_ text: AtomText?) -> String? {
        guard let text else { return nil }
        return text.kind == "text" ? context.text(text.value) : context.title(text.value, isHTML: true)
    }

    func add(_ item: AtomEntry, feed: AtomFeed) {
        updateFallback(feed)
        var entry = Entry()
        entry.id = context.text(item.id)
        entry.title = title(item.title)
        entry.link = context.link(item.origLink, base: item.base)
            ?? context.link(item.alternate, base: item.base)
            ?? context.link(item.firstLink, base: item.base)
        entry.published = context.date(item.published, field: "published")
        entry.updated = context.date(item.updated, field: "updated")
        if let name = context.text(item.authorName) ?? context.text(item.authorEmail) {
            entry.author = name
        } else {
            // An entry without an author has the feed's (RFC 4287 §4.1.1).
            entry.author = context.text(feed.authorName) ?? context.text(feed.authorEmail)
        }
        entry.summary = html(item.summary) ?? item.mediaDescription.flatMap { context.html($0, base: item.base) }
        entry.content = html(item.content)
        entry.categories = context.categories(item.categories)
        entry.enclosures = context.enclosures(item.enclosures)
        entry.image = context.image(thumbnail: item.thumbnail, enclosures: item.enclosures, itunes: item.itunesImage)
        if item.hasSource {
            let title = title(item.sourceTitle)
            var url = item.sourceSelf ?? item.sourceAlternate
            if url == nil, let id = item.sourceID, URLResolver.isSafeAbsolute(id) { url = id }
            if title != nil || url != nil { entry.source = DeclaredSource(title: title, url: url.flatMap { context.link($0, base: item.base) }) }
        }
        entries.append(entry)
    }

    func feed(_ atom: AtomFeed, isAtom03: Bool) -> Feed {
        updateFallback(atom)
        var feed = Feed(format: isAtom03 ? .atom03 : .atom10)
        feed.title = title(atom.title)
        feed.link = atom.alternate.flatMap { context.link($0, base: nil) }
        feed.selfLink = atom.selfLink
        feed.description = html(atom.subtitle)
        feed.language = context.text(atom.language)
        feed.updated = context.date(atom.updated, field: "updated")
        feed.image = atom.logo.flatMap { context.link($0, base: nil) } ?? atom.icon.flatMap { context.link($0, base: nil) }
        feed.entries = entries
        return feed
    }
}
