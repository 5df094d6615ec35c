import AggregateModel
import Foundation

/// The Publish stage: items in, files in the output folder out.
public enum Publisher {
    /// Slugs the site's own files use (`all.xml`, `index.html`).
    static let reservedSlugs: Set<String> = ["all", "index"]

    /// Writes every output of `input` into `input.site.outputDirectory` and removes those of dropped categories.
    ///
    /// With `memo`, a publish whose input has the digest recorded by the last one renders nothing when
    /// neither the theme nor any output changed on disk since (see `PublishRecord`).
    public static func publish(_ input: PublishInput, memo: PublishMemo? = nil) throws(PublishError) -> PublishReport {
        try validate(input.categories)
        let writer = try AtomicFileWriter(outputDirectory: input.site.outputDirectory)
        var digest: String?
        if let memo {
            digest = PublishRecord.digest(
                inputDigest: memo.inputDigest, themePaths: try Theme.paths(themeDirectory: input.options.themeDirectory))
            if let digest, let record = PublishRecord.decode(FileManager.default.contents(atPath: memo.file)),
               record.digest == digest, record.isIntact(root: writer.root) {
                return PublishReport(unchanged: record.stamps.keys.sorted())
            }
            // Gone before anything is written: a run killed while writing leaves no record to trust.
            try PublishRecord.remove(memo.file)
        }
        let files = try render(input)
        let report = try store(files, with: writer)
        if let memo, let digest, let record = PublishRecord.current(digest: digest, root: writer.root, paths: Array(files.keys)) {
            try record.save(to: memo.file)
        }
        return report
    }

    static func validate(_ categories: [CategorySettings]) throws(PublishError) {
        var seen: Set<String> = []
        for category in categories {
            let slug = category.slug
            guard !slug.isEmpty, slug.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                if slug.contains("/") || slug.contains("..") { throw .pathOutsideOutput(path: slug) }
                throw .invalidSlug(slug)
            }
            guard !reservedSlugs.contains(slug) else { throw .reservedSlug(slug) }
            guard seen.insert(slug).inserted else { throw .duplicateSlug(slug) }
        }
    }

    /// Every output file, by path relative to the output folder. Pure: no disk access but the theme.
    static func render(_ input: PublishInput) throws(PublishError) -> [String: Data] {
        let attribution = try Attribution(template: input.options.attributionTemplate)
        let theme = try Theme.load(themeDirectory: input.options.themeDirectory)
        let context = FeedContext(site: input.site, hub: input.options.hub)
        // Each item is published once, however many channels show it: the same item in several categories and in
        // `all` (where an item naming categories the site no longer has is another item: `all` leaves them out).
        var distinct: [Item] = []
        var latest: [String: Int] = [:]
        func positions(_ items: [Item]) -> [Int] {
            var keys: Set<String> = []
            var result: [Int] = []
            // Each id once per feed: a repeated Atom id or guid makes validators reject the feed.
            for item in items where keys.insert(item.key).inserted {
                if let index = latest[item.key], distinct[index] == item {
                    result.append(index)
                } else {
                    distinct.append(item)
                    latest[item.key] = distinct.count - 1
                    result.append(distinct.count - 1)
                }
            }
            return result
        }
        let listed = input.categories.map { positions(input.itemsByCategory[$0.slug] ?? []) }
        let listedInAll = positions(input.allItems)
        // On every core: the items' text, lead images and feed entries are most of what is published.
        let published = ConcurrentMap.map(distinct) { PublishedItem($0, attribution: attribution) }
        var channels: [Channel] = zip(input.categories, listed).map { category, positions in
            Channel(slug: category.slug, title: category.title, description: category.description, items: positions.map { published[$0] })
        }
        let all = Channel(slug: "all", title: "All stories", description: input.site.description, items: listedInAll.map { published[$0] })
        channels.append(all)

        var files: [String: Data] = [:]
        let site = HTMLSite(theme: theme, context: context, categories: input.categories, articlePages: input.options.articlePages)
        // A channel's files depend on the channel alone: they are rendered on every core (the end of a run has the
        // machine to itself; rendering was a third of the merging thread's instructions on 250 feeds).
        let rendered = ConcurrentMap.map(channels) { channel in
            [
                (channel.slug + ".xml", Data(RSSWriter.write(channel, context: context))),
                (channel.slug + ".atom", Data(AtomWriter.write(channel, context: context))),
                (channel.slug + ".json", Data(JSONFeedWriter.write(channel, context: context))),
                (channel.slug + ".html", Data(site.categoryPage(channel))),
            ]
        }
        for (path, data) in rendered.joined() { files[path] = data }
        files["index.html"] = Data(site.indexPage(all: all, sections: Array(channels.dropLast())))
        if input.options.articlePages {
            // Each item once, in the first channel that has it (categories first, then `all`).
            for channel in channels {
                for item in channel.items {
                    let path = HTMLSite.articlePath(for: item.item.key)
                    if files[path] == nil { files[path] = Data(site.articlePage(item, in: channel)) }
                }
            }
        }
        files["sources.opml"] = Data(OPMLWriter.sources(input.sources, categories: input.categories, context: context))
        files["feeds.opml"] = Data(OPMLWriter.feeds(channels.map { ($0.slug, $0.title) }, context: context).utf8)
        // Theme files last: a generated file of the same name wins over a theme file.
        for (name, data) in theme.assets where files[name] == nil {
            files[name] = data
        }
        return files
    }

    /// Writes the files, then removes those an earlier publish wrote that are no longer produced.
    static func store(_ files: [String: Data], with writer: AtomicFileWriter) throws(PublishError) -> PublishReport {
        let previous = OutputManifest.decode(try writer.contents(OutputManifest.fileName))
        let subfolders = Set(previous.union(files.keys).compactMap { path in path.lastIndex(of: "/").map { String(path[..<$0]) } })
        writer.removeStaleTemporaries(in: subfolders.sorted())
        let current = Set(files.keys)
        // The manifest lists old and new files while writing, so a run killed midway still knows
        // every file it may have to remove next time.
        try writer.write(OutputManifest.encode(previous.union(current)), to: OutputManifest.fileName)
        var report = PublishReport()
        // Every changed file is written and synced before the first one replaces its previous version:
        // a write that fails (full disk, a folder in the way) leaves every previous output as it was.
        // Eight at a time: each waits for the disk to sync it (one by one, the 40 files of the benchmark's site took
        // 15-20 ms, a run's last work but the report).
        let paths = files.keys.sorted()
        let outcomes = ConcurrentMap.map(paths, threads: 8) { path in
            Result { () throws(PublishError) in try writer.stage(files[path]!, to: path) }
        }
        var staged: [(path: String, file: AtomicFileWriter.StagedFile)] = []
        var failure: PublishError?
        for (path, outcome) in zip(paths, outcomes) {
            switch outcome {
            case .success(let file?): staged.append((path, file))
            case .success(nil): report.unchanged.append(path)
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure {
            writer.discard(staged.map(\.file))
            throw failure
        }
        for (index, (path, file)) in staged.enumerated() {
            do { try writer.commit(file) } catch {
                writer.discard(staged[(index + 1)...].map(\.file))
                throw error
            }
            report.written.append(path)
        }
        for folder in Set(staged.map(\.file.folder)).sorted() { writer.syncDirectory(folder) }
        var folders: Set<String> = []
        for path in previous.subtracting(current).sorted() {
            if try writer.remove(path) { report.removed.append(path) }
            if let slash = path.lastIndex(of: "/") { folders.insert(String(path[..<slash])) }
        }
        // `articles/` after article pages are turned off.
        for folder in folders.sorted(by: >) { writer.removeFolderIfEmpty(folder) }
        try writer.write(OutputManifest.encode(current), to: OutputManifest.fileName)
        return report
    }
}
