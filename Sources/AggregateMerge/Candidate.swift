import AggregateModel
import Foundation

/// One entry prepared for merging: its provenance, identities and hashes.
struct Candidate: Sendable {
    let entry: Entry
    /// The configured source's id. NOTE: the whole `SourceSettings` kept here was a copy of its dozen Strings and
    /// arrays for every entry (a retain and a release of each).
    let sourceID: String
    let categories: [String]
    let now: Date
    let title: String
    let link: String?
    let published: Date?
    let updated: Date?
    let credit: Credit
    let upstream: Credit?
    let normalizedTitle: String
    /// The normalized title made ready for comparison with others.
    let headline: TitleSimilarity.Prepared
    let titleWords: [String]
    /// `titleWords` as the store's title index numbers them, made here, off the merging thread.
    let titleKeys: [CanonicalWord]
    /// Every title word is distinctive (`TitleNormalizer.isDistinctive`): `indexWords` keeps the distinctive words
    /// when there is one, so either all of them are or none is. Worked out here, off the merging thread.
    let titleWordsAreDistinctive: Bool
    let identities: [ItemIdentity]
    /// What names the item when it is new: its id, else its canonical link, else its fingerprint.
    let identityName: String
    /// `contentHashPrefix` and the `StableHash.wideHex` of what the item shows (see `hashedParts`).
    let contentHash: String

    /// Marks the content hashes of this version. Earlier ones were `StableHash.hex` of the same parts, without a
    /// prefix: `hasContent(hashed:)` still recognises them, so that an item stored by an earlier version is not
    /// taken for changed.
    /// NOTE: `hex` hashed an item's ~5 KB in two chains of multiplies; the parsing thread of a first run over 1,000
    /// feeds spent 3.5% of its cycles there.
    static let contentHashPrefix = "w"

    /// The date that places the entry in time for duplicate matching.
    var date: Date { published ?? updated ?? now }

    init(entry: Entry, feed: Feed, source: SourceSettings, categories: [String], now: Date, settings: MergeSettings) {
        self.entry = entry
        sourceID = source.id
        self.categories = categories
        self.now = now
        // The text is needed only for an item without a title or without both id and link (rare): not computed otherwise.
        let html = entry.summary ?? entry.content ?? ""
        let link = entry.link.flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil }
        self.link = link
        title = Self.nonEmpty(entry.title) ?? Self.excerpt(HTMLText.plainText(html, limit: 500)) ?? link ?? "Untitled"
        // NOTE: some publishers date items in the future (time zones, scheduled posts); clamp to the first sighting.
        published = entry.published.map { min($0, now) }
        updated = entry.updated.map { min($0, now) }

        let feedURL = source.feedURL ?? feed.selfLink ?? (source.isLocalFile ? nil : source.location)
        credit = Credit(sourceID: source.id, name: source.name, feedURL: feedURL, siteURL: source.siteURL ?? feed.link, link: link)
        upstream = entry.source.flatMap { declared in
            let name = Self.nonEmpty(declared.title) ?? declared.url.flatMap(Self.host)
            return name.map { Credit(sourceID: "", name: $0, feedURL: declared.url, siteURL: nil, link: link) }
        }

        normalizedTitle = TitleNormalizer.normalize(title)
        // Split once for both the index words and the comparable headline.
        if let split = HeadlineWords(normalizedTitle) {
            let (words, distinctive) = split.indexWords()
            titleWords = words
            titleWordsAreDistinctive = distinctive
            headline = TitleSimilarity.Prepared(normalizedTitle, words: split)
        } else {
            let list = TitleNormalizer.wordsByCharacters(ofNormalized: normalizedTitle)
            titleWords = TitleNormalizer.indexWords(of: list)
            titleWordsAreDistinctive = titleWords.allSatisfy(TitleNormalizer.isDistinctive)
            headline = TitleSimilarity.Prepared(normalizedTitle, list: list)
        }
        titleKeys = titleWords.map(CanonicalWord.init)
        let canonical = link.flatMap { CanonicalURL.canonicalize($0, extraTrackingParameters: settings.extraTrackingParameters) }
        let originalID = Self.nonEmpty(entry.id) ?? link
        var identities: [ItemIdentity] = []
        identities.reserveCapacity(2)
        if let originalID { identities.append(ItemIdentity(kind: .guid, value: source.id + "\u{1F}" + originalID)) }
        if let canonical { identities.append(ItemIdentity(kind: .url, value: canonical)) }
        // The fingerprint names an item only when it has neither id nor link; across sources, titles decide.
        var fingerprint = ""
        if originalID == nil && canonical == nil {
            fingerprint = StableHash.hex(normalizedTitle + "\n" + HTMLText.plainText(html, limit: 500))
            identities.append(ItemIdentity(kind: .fingerprint, value: source.id + "\u{1F}" + fingerprint))
        }
        self.identities = identities
        identityName = originalID ?? canonical ?? fingerprint

        contentHash = Self.contentHashPrefix
            + StableHash.wideHex(joining: Self.hashedParts(entry, title: title, link: link, upstream: upstream), separator: 0x1F)
    }

    /// What the content hash covers: what a reader sees of the item.
    private static func hashedParts(_ entry: Entry, title: String, link: String?, upstream: Credit?) -> [String] {
        var hashed = [title, link ?? "", entry.summary ?? "", entry.content ?? "", entry.author ?? "", entry.image ?? ""]
        hashed += entry.categories
        hashed += entry.enclosures.map { "\($0.url) \($0.type ?? "") \($0.length ?? -1)" }
        hashed += [upstream?.name ?? "", upstream?.feedURL ?? ""]
        return hashed
    }

    /// Whether a stored item's content hash, of this version or an earlier one, is of the same content.
    func hasContent(hashed stored: String) -> Bool {
        if stored.hasPrefix(Self.contentHashPrefix) { return stored == contentHash }
        return stored == StableHash.hex(joining: Self.hashedParts(entry, title: title, link: link, upstream: upstream), separator: 0x1F)
    }

    func makeItem(key: String, firstSeen: Date) -> Item {
        Item(
            key: key, title: title, link: link, published: published, updated: updated, firstSeen: firstSeen,
            author: Self.nonEmpty(entry.author), summary: entry.summary, content: entry.content, tags: entry.categories,
            enclosures: entry.enclosures, image: entry.image,
            provenance: Provenance(source: credit, originalID: Self.nonEmpty(entry.id), originalAuthor: entry.author, upstream: upstream),
            alsoReportedBy: [], categories: categories)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        // A Character is white space when its first scalar is: an ASCII first byte other than white space settles it.
        if let first = text.utf8.first, first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) { return text }
        return text.allSatisfy(\.isWhitespace) ? nil : text
    }

    private static func excerpt(_ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        guard text.count > 80 else { return text }
        return String(text.prefix(77)) + "…"
    }

    private static func host(_ url: String) -> String? {
        guard let range = url.range(of: "://") else { return nil }
        let rest = url[range.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : String(host)
    }
}
