@testable import AggregateConfig
import AggregateModel
import AggregateTestSupport
import Foundation
import Testing

private let readerExport = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- exported by a feed reader -->
    <!DOCTYPE opml>
    <opml version="1.0">
      <head><title>My subscriptions &amp; more</title></head>
      <body>
        <outline text="World &amp; Politics" title="World &amp; Politics">
          <outline type="rss" text="Wire &quot;World&quot;" title="Wire &quot;World&quot;" xmlUrl="https://wire.example.com/world.xml?a=1&amp;b=2" htmlUrl="https://wire.example.com/"/>
          <outline type="rss" text="Caf&#233; &#x4E2D;&#x6587; news" xmlUrl="https://cafe.example.org/rss"></outline>
        </outline>
        <outline text="Économie">
          <outline text="Nested folder">
            <outline type="rss" title="Deep" xmlUrl="https://deep.example.net/feed" />
          </outline>
          <outline type="rss" title='Single quoted' xmlUrl='https://single.example.com/feed'/>
        </outline>
        <outline type="rss" text="Loose feed" xmlUrl="https://loose.example.com/rss.xml"/>
        <outline type="rss" text="Tagged" xmlUrl="https://tagged.example.com/rss" category="/Tech/Gadgets,/Science"/>
        <outline text="Also world">
          <outline type="rss" text="Wire again" xmlUrl="https://wire.example.com/world.xml?a=1&amp;b=2"/>
        </outline>
        <OUTLINE TEXT="Upper" XMLURL="feed://upper.example.com/rss"/>
        <outline text="Gopher" xmlUrl="gopher://old.example.com/feed"/>
        <outline text="Bare &amp unknown &nbsp; entity" xmlUrl="https://bare.example.com/rss"/>
      </body>
    </opml>
    """

@Test func importReadsOutlinesFoldersAndEntities() throws {
    let feeds = try OPMLImport.feeds(in: readerExport, path: "subs.opml")
    #expect(feeds.map(\.xmlURL) == [
        "https://wire.example.com/world.xml?a=1&b=2", "https://cafe.example.org/rss", "https://deep.example.net/feed",
        "https://single.example.com/feed", "https://loose.example.com/rss.xml", "https://tagged.example.com/rss",
        "feed://upper.example.com/rss", "gopher://old.example.com/feed", "https://bare.example.com/rss",
    ])
    #expect(feeds[0].title == "Wire \"World\"")
    #expect(feeds[0].htmlURL == "https://wire.example.com/")
    // The same feed in two folders is one feed with both categories.
    #expect(feeds[0].categories == ["World & Politics", "Also world"])
    #expect(feeds[1].title == "Café 中文 news")
    #expect(feeds[2].categories == ["Nested folder"])
    #expect(feeds[3].title == "Single quoted" && feeds[3].categories == ["Économie"])
    #expect(feeds[4].categories.isEmpty)
    #expect(feeds[5].categories == ["Gadgets", "Science"])
    #expect(feeds[6].title == "Upper")
    #expect(feeds[8].title == "Bare &amp unknown &nbsp; entity")
    #expect(feeds[0].line == 8)
}

@Test func importWritesFeedsConfThatLoads() throws {
    let feeds = try OPMLImport.feeds(in: readerExport, path: "subs.opml")
    let text = OPMLImport.feedsConf(from: feeds, origin: "subs.opml")
    #expect(text.contains("[category world-politics]\ntitle = World & Politics\n"))
    #expect(text.contains("[category economie]\ntitle = Économie\n"))
    #expect(text.contains("[category uncategorized]\ntitle = Uncategorized\n"))
    #expect(text.contains("https://wire.example.com/world.xml?a=1&b=2  name=\"Wire \\\"World\\\"\"  categories=world-politics,also-world  site=https://wire.example.com/\n"))
    #expect(text.contains("http://upper.example.com/rss  name=\"Upper\"  categories=uncategorized\n"))
    #expect(text.contains("# skipped gopher://old.example.com/feed (subs.opml line 23): a source must be an http(s) URL"))
    let site = "[site]\ntitle = Imported\nbase_url = https://news.example.org/\n"
    let config = try ConfigLoader.parse(site + text, path: "/srv/desk/feeds.conf")
    #expect(config.sources.count == 8)
    #expect(config.sources[0].name == "Wire \"World\"")
    #expect(config.sources[0].categories == ["world-politics", "also-world"])
    #expect(config.sources.first { $0.location == "https://tagged.example.com/rss" }?.categories == ["gadgets", "science"])
    #expect(config.sources.first { $0.location == "https://loose.example.com/rss.xml" }?.categories == ["uncategorized"])
    #expect(config.categories.first { $0.slug == "world-politics" }?.title == "World & Politics")
}

@Test(arguments: [
    ("World & Politics", "world-politics"), ("Économie", "economie"), ("  Tech / Gadgets ", "tech-gadgets"),
    ("中文", ""), ("News 24/7", "news-24-7"), ("--Sports--", "sports"), ("Ünïcödé Çafé", "unicode-cafe"),
])
func slugsFromFolderTitles(_ title: String, _ slug: String) {
    #expect(OPMLImport.slugify(title) == slug)
}

@Test func importGivesUnusableTitlesASlugAndAvoidsAll() throws {
    let text = OPMLImport.feedsConf(from: [
        OPMLFeed(title: "A", xmlURL: "https://a.example.com/", categories: ["中文"]),
        OPMLFeed(title: "B", xmlURL: "https://b.example.com/", categories: ["All"]),
        OPMLFeed(title: "", xmlURL: "https://c.example.com/feed", categories: ["# hash"]),
    ])
    #expect(text.contains("[category category-1]\ntitle = 中文\n"))
    #expect(text.contains("[category all-feeds]\ntitle = All\n"))
    #expect(text.contains("[category hash]\ntitle = \"# hash\"\n"))
    #expect(text.contains("https://c.example.com/feed  name=\"c.example.com\"  categories=hash\n"))
    let config = try ConfigLoader.parse("[site]\ntitle = T\nbase_url = https://x.example.org/\n" + text, path: "feeds.conf")
    #expect(config.categories.map(\.title) == ["中文", "All", "# hash"])
}

@Test(arguments: [
    ("<html><body><outline xmlUrl=\"https://a.example.com/\"/></body></html>", "not an OPML document"),
    ("<opml version=\"2.0\"><body><outline text=\"folder\"></outline></body></opml>", "no feeds found"),
    ("<opml version=\"2.0\">\n<body>\n<!-- never closed\n<outline xmlUrl=\"https://a.example.com/\"/>", "subs.opml:3: <!-- is never closed"),
    ("<opml version=\"2.0\"><body><outline xmlUrl=\"https://a.example.com/\"", "never closed with '>'"),
])
func importRejectsWhatIsNotOPML(_ text: String, _ fragment: String) {
    #expect {
        try OPMLImport.feeds(in: text, path: "subs.opml")
    } throws: { error in
        "\(error)".contains(fragment)
    }
}

@Test func importReadsLatin1AndUTF16Files() throws {
    let folder = try TestPaths.temporaryDirectory("opml")
    defer { try? FileManager.default.removeItem(at: folder) }
    let latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<opml version=\"2.0\"><body><outline text=\"Économie\"><outline text=\"Café\" xmlUrl=\"https://cafe.example.org/rss\"/></outline></body></opml>\n"
    let latinURL = folder.appendingPathComponent("latin1.opml")
    try latin1.data(using: .isoLatin1)!.write(to: latinURL)
    let utf16URL = folder.appendingPathComponent("utf16.opml")
    try latin1.replacingOccurrences(of: "ISO-8859-1", with: "UTF-16").data(using: .utf16)!.write(to: utf16URL)
    for url in [latinURL, utf16URL] {
        let feeds = try OPMLImport.read(path: url.path)
        #expect(feeds.map(\.title) == ["Café"])
        #expect(feeds.first?.categories == ["Économie"])
    }
}

@Test func exportWritesOPMLWithFoldersAndCategories() throws {
    let config = try ConfigLoader.parse("""
        [site]
        title = Desk <News> & "More"
        base_url = https://news.example.org/
        [category china]
        title = China & Asia
        [category tech]
        title = Tech
        [category empty]
        title = Nothing here
        [sources]
        https://a.example.com/rss?x=1&y=2  name="A \\"Wire\\""  categories=china,tech  site=https://a.example.com/
        seeds/local.xml  name=Local  categories=tech  feed_url=https://local.example.net/feed.xml
        seeds/hidden.xml  name=Hidden  categories=tech
        """, path: "/srv/desk/feeds.conf")
    let xml = OPMLExport.document(for: config)
    #expect(xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>Desk &lt;News&gt; &amp; "More"</title>
            <docs>http://opml.org/spec2.opml</docs>
          </head>
          <body>
            <outline text="China &amp; Asia" title="China &amp; Asia">
              <outline type="rss" text="A &quot;Wire&quot;" title="A &quot;Wire&quot;" xmlUrl="https://a.example.com/rss?x=1&amp;y=2" htmlUrl="https://a.example.com/" category="/china,/tech"/>
            </outline>
            <outline text="Tech" title="Tech">
              <outline type="rss" text="A &quot;Wire&quot;" title="A &quot;Wire&quot;" xmlUrl="https://a.example.com/rss?x=1&amp;y=2" htmlUrl="https://a.example.com/" category="/china,/tech"/>
              <outline type="rss" text="Local" title="Local" xmlUrl="https://local.example.net/feed.xml" category="/tech"/>
            </outline>
          </body>
        </opml>

        """)
    #expect(OPMLExport.unexportable(in: config).map(\.name) == ["Hidden"])
}

@Test func shippedConfigRoundTripsThroughOPML() throws {
    let config = try ConfigLoader.load(path: TestPaths.packageRoot.appendingPathComponent("feeds.conf").path)
    let feeds = try OPMLImport.feeds(in: OPMLExport.document(for: config), path: "export.opml")
    #expect(feeds.map(\.xmlURL) .sorted() == config.sources.compactMap(\.feedURL).sorted())
    for source in config.sources {
        let feed = try #require(feeds.first { $0.xmlURL == source.feedURL })
        #expect(feed.title == source.name)
        #expect(feed.htmlURL == source.siteURL)
        let titles = source.categories.map { slug in config.categories.first { $0.slug == slug }!.title }
        #expect(Set(feed.categories) == Set(titles))
    }
    let text = OPMLImport.feedsConf(from: feeds, origin: "export.opml")
    let reloaded = try ConfigLoader.parse("[site]\ntitle = T\nbase_url = https://x.example.org/\n" + text, path: "feeds.conf")
    #expect(reloaded.sources.count == config.sources.count)
    #expect(reloaded.categories.count == config.categories.count)
}

@Test func importAndExportCommandsRun() throws {
    let folder = try TestPaths.temporaryDirectory("opml")
    defer { try? FileManager.default.removeItem(at: folder) }
    let exported = try runAggregate(["export-opml", "--config", TestPaths.packageRoot.appendingPathComponent("feeds.conf").path], in: folder)
    #expect(exported.status == 0)
    #expect(exported.stderr.isEmpty)
    #expect(exported.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"))
    try Data(exported.stdout.utf8).write(to: folder.appendingPathComponent("subs.opml"))
    let imported = try runAggregate(["import-opml", "subs.opml"], in: folder)
    #expect(imported.status == 0)
    #expect(imported.stdout.contains("[category china]\ntitle = China\n"))
    #expect(imported.stdout.contains("https://dawn.example.net/feeds/pakistan  name=\"Dawn\"  categories=pakistan  site=https://dawn.example.net/\n"))
    let missing = try runAggregate(["import-opml", "nope.opml"], in: folder)
    #expect(missing.status == 1)
    #expect(missing.stderr == "nope.opml: cannot read the OPML file: no such file\n")
}
