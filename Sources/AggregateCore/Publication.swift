import AggregateModel
import AggregatePublish
import AggregateStore
import Foundation

/// What the publish stage gets: every category's newest items from the store.
enum Publication {
    static func input(configuration: Configuration, store: Store, now: Date) throws -> PublishInput {
        let limit = configuration.site.itemsPerFeed
        var itemsByCategory: [String: [Item]] = [:]
        for category in configuration.categories {
            itemsByCategory[category.slug] = try store.latestItems(
                category: category.slug, limit: limit, perSource: category.perSource, since: category.maxAge.map { now.addingTimeInterval(-$0) })
        }
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
}
