import AggregateModel
import AggregatePublish
import AggregateStore
import Foundation

/// What the publish stage gets: every category's newest items from the store.
enum Publication {
    static func input(configuration: Configuration, store: Store, now: Date) throws -> PublishInput {
        let limit = configuration.site.itemsPerFeed
        let lists = try store.latestItems(configuration.categories.map { category in
            LatestItems(category: category.slug, limit: limit, perSource: category.perSource, since: category.maxAge.map { now.addingTimeInterval(-$0) })
        })
        var itemsByCategory: [String: [Item]] = [:]
        for (category, items) in zip(configuration.categories, lists) { itemsByCategory[category.slug] = items }
        let slugs = Set(configuration.categories.map(\.slug))
        // NOTE: items of a category removed from feeds.conf stay in the store but are shown nowhere.
        var all: [Item] = []
        var seen = Set<String>()
        for item in itemsByCategory.values.joined() where seen.insert(item.key).inserted { all.append(item) }
        all.sort { ($0.displayDate, $0.key) > ($1.displayDate, $1.key) }
        all = Array(all.prefix(limit)).map { item in
            var item = item
            item.categories = item.categories.filter(slugs.contains)
            return item
        }
        let states = Dictionary(try store.sourceStates().map { ($0.sourceID, $0) }, uniquingKeysWith: { a, _ in a })
        let sources = configuration.sources.map { source in
            let state = states[source.id]
            return PublishedSource(
                name: source.name,
                feedURL: source.feedURL ?? (source.isLocalFile ? state?.feedURL ?? URL(fileURLWithPath: source.location).absoluteString : source.location),
                siteURL: source.siteURL ?? state?.siteURL,
                categories: source.categories)
        }
        return PublishInput(
            site: configuration.site, categories: configuration.categories, itemsByCategory: itemsByCategory,
            allItems: all, sources: sources,
            options: PublishOptions(
                themeDirectory: configuration.site.publishing.themeDirectory, articlePages: configuration.site.publishing.articlePages,
                attributionTemplate: configuration.site.publishing.attributionTemplate, hub: configuration.site.publishing.hub))
    }

    /// Names what the outputs of `input` are made from besides the theme: this program, feeds.conf, the
    /// sources as published and every item shown, as the store encodes it. Equal digests, equal outputs
    /// (rendering reads nothing else, not even the clock): see `Publisher.publish(_:memo:)`.
    static func digest(configuration: Configuration, input: PublishInput) -> String {
        var bytes: [UInt8] = Array("aggregate publish 1\n".utf8)
        let separator = UInt8(0x1F)
        func add(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(separator)
        }
        add(programIdentity)
        add(configuration.path)
        bytes.append(contentsOf: FileManager.default.contents(atPath: configuration.path) ?? Data())
        bytes.append(separator)
        for source in input.sources {
            add(source.name)
            add(source.feedURL)
            add(source.siteURL ?? "")
            add(source.categories.joined(separator: ","))
        }
        for category in input.categories {
            add(category.slug)
            for item in input.itemsByCategory[category.slug] ?? [] { bytes.append(contentsOf: Store.encode(item)) }
        }
        add("all")
        for item in input.allItems { bytes.append(contentsOf: Store.encode(item)) }
        return StableHash.hex(bytes)
    }

    /// The running binary (path, size, modification time): another build may render differently.
    static let programIdentity: String = {
        guard let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return UUID().uuidString }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return "\(path) \(size) \(modified)"
    }()
}
