import AggregateConfig
import AggregateModel
import Foundation
import Testing

@Test(arguments: [
    ("90s", 90.0), ("15m", 900), ("2h", 7200), ("1d", 86400), ("500ms", 0.5), ("0s", 0), ("1m", 60),
])
func durationsParse(_ text: String, _ seconds: TimeInterval) {
    #expect(DurationValue.seconds(text) == seconds)
}

@Test(arguments: ["", "15", "1.5h", "15 m", "m", "-5s", "15M", "1w", "15min", "s15", " 15m", "15m ", "1h30m", "1e3s", "１５m"])
func durationsRejectEverythingElse(_ text: String) {
    #expect(DurationValue.seconds(text) == nil)
}

@Test(arguments: [(900.0, "15m"), (90, "90s"), (7200, "2h"), (86400, "1d"), (0.5, "500ms"), (3660, "61m")])
func durationsFormatBack(_ seconds: TimeInterval, _ text: String) {
    #expect(DurationValue.format(seconds) == text)
    #expect(DurationValue.seconds(text) == seconds)
}

@Test(arguments: [
    ("16MiB", 16 << 20), ("512KB", 512_000), ("512kB", 512_000), ("1GiB", 1 << 30), ("2GB", 2_000_000_000),
    ("64KiB", 65_536), ("100B", 100), ("1048576", 1_048_576), ("3MB", 3_000_000),
])
func sizesParse(_ text: String, _ bytes: Int) {
    #expect(ByteSizeValue.bytes(text) == bytes)
}

@Test(arguments: ["", "MiB", "16 MiB", "16mib", "1.5MB", "-1KB", "16MiBs", "16TB", "99999999999999GiB", "16Mi"])
func sizesRejectEverythingElse(_ text: String) {
    #expect(ByteSizeValue.bytes(text) == nil)
}

@Test func siteKeysFillTheSettings() throws {
    let text = """
        [site]
        title = World Desk
        description = Wire news, "quoted" words & more
        base_url = https://news.example.org/desk
        output = out/www
        cache = /var/cache/desk
        items_per_feed = 25
        language = en-GB
        ttl = 2h
        timeout = 20s
        connect_timeout = 500ms
        max_size = 4MiB
        concurrency = 4
        per_host = 1
        allow_private_networks = yes
        \(ConfigFixtures.categories)
        [sources]
        https://a.example.com/feed name=A categories=china
        """
    let config = try ConfigLoader.parse(text, path: "/srv/desk/feeds.conf")
    let site = config.site
    #expect(site.title == "World Desk")
    #expect(site.description == "Wire news, \"quoted\" words & more")
    #expect(site.baseURL == "https://news.example.org/desk/")
    #expect(site.outputDirectory == "/srv/desk/out/www")
    #expect(site.cacheDirectory == "/var/cache/desk")
    #expect(site.itemsPerFeed == 25)
    #expect(site.language == "en-GB")
    #expect(site.ttlMinutes == 120)
    #expect(site.fetch == FetchSettings(timeout: 20, connectTimeout: 0.5, maxBytes: 4 << 20, concurrency: 4, perHost: 1, allowPrivateNetworks: true))
    #expect(config.path == "/srv/desk/feeds.conf")
}

@Test func defaultsApplyWhenKeysAreLeftOut() throws {
    let config = try ConfigLoader.parse(ConfigFixtures.minimal, path: "/srv/desk/feeds.conf")
    #expect(config.site.outputDirectory == "/srv/desk/public")
    #expect(config.site.cacheDirectory == "/srv/desk/cache")
    #expect(config.site.itemsPerFeed == 50)
    #expect(config.site.description == "")
    #expect(config.site.language == nil)
    #expect(config.site.ttlMinutes == nil)
    #expect(config.site.fetch == FetchSettings())
    #expect(config.categories.map(\.slug) == ["china", "tech"])
    #expect(config.categories.map(\.description) == ["", ""])
    let source = try #require(config.sources.first)
    #expect(source.id == "https://feeds.example.com/china.xml")
    #expect(source.priority == 100)
    #expect(source.refresh == nil)
    #expect(source.siteURL == nil && source.feedURL == nil)
    #expect(source.allowPrivateNetworks == false)
    #expect(source.origin == "/srv/desk/feeds.conf:10")
}

@Test func sourceOptionsFillTheSettings() throws {
    let text = ConfigFixtures.site + ConfigFixtures.categories + """
        [sources]
        # comment lines and blank lines are ignored

          HTTPS://Feeds.Example.com/a.xml?x=1#frag   name="Al \\"Wire\\" Jazeera"  categories=china,tech  id=aj  site=https://aj.example.net/  refresh=15m  priority=-2  allow_private_networks=yes  # trailing comment
        seeds/b.xml name=B categories=tech feed_url=https://b.example.com/rss.xml
        """
    let config = try ConfigLoader.parse(text, path: "/srv/desk/feeds.conf")
    #expect(config.sources.count == 2)
    let a = config.sources[0]
    #expect(a.location == "https://Feeds.Example.com/a.xml?x=1#frag")
    #expect(a.name == "Al \"Wire\" Jazeera")
    #expect(a.categories == ["china", "tech"])
    #expect(a.id == "aj")
    #expect(a.siteURL == "https://aj.example.net/")
    #expect(a.refresh == 900)
    #expect(a.priority == -2)
    #expect(a.allowPrivateNetworks)
    #expect(!a.isLocalFile)
    let b = config.sources[1]
    #expect(b.location == "/srv/desk/seeds/b.xml")
    #expect(b.id == "seeds/b.xml")
    #expect(b.feedURL == "https://b.example.com/rss.xml")
    #expect(b.isLocalFile)
}

@Test(arguments: [
    ("title = \"Desk # One\"", "Desk # One"),
    ("title = Desk #1", "Desk"),
    ("title = Desk#1", "Desk#1"),
    ("title = \"  padded  \"", "  padded  "),
    ("title = \"back\\\\slash\"", "back\\slash"),
    ("title = 世界新闻", "世界新闻"),
    ("title =   spaced   words   ", "spaced   words"),
    ("title = \"\"\"", nil),
])
func quotingAndComments(_ line: String, _ expected: String?) {
    let text = "[site]\n\(line)\nbase_url = https://x.example.org/\n" + ConfigFixtures.categories + "[sources]\nhttps://a.example.com/ name=A categories=china\n"
    let config = try? ConfigLoader.parse(text, path: "feeds.conf")
    #expect(config?.site.title == expected)
}

@Test(arguments: [
    ("seeds/a.xml", "/srv/desk/seeds/a.xml"),
    ("./seeds/a.xml", "/srv/desk/seeds/a.xml"),
    ("../shared/a.xml", "/srv/shared/a.xml"),
    ("/var/feeds/a.xml", "/var/feeds/a.xml"),
    ("\"my feeds/a b.xml\"", "/srv/desk/my feeds/a b.xml"),
])
func relativePathsResolveAgainstTheFileFolder(_ written: String, _ resolved: String) throws {
    let text = ConfigFixtures.site + ConfigFixtures.categories + "[sources]\n\(written) name=A categories=china\n"
    let config = try ConfigLoader.parse(text, path: "/srv/desk/feeds.conf")
    #expect(config.sources.first?.location == resolved)
}

@Test func relativeConfigPathIsMadeAbsolute() throws {
    let config = try ConfigLoader.parse(ConfigFixtures.minimal, path: "feeds.conf")
    let cwd = FileManager.default.currentDirectoryPath
    #expect(config.path == URL(fileURLWithPath: cwd).appendingPathComponent("feeds.conf").path)
    #expect(config.site.outputDirectory == URL(fileURLWithPath: cwd).appendingPathComponent("public").path)
}

@Test func windowsLineEndingsAndByteOrderMarkAreAccepted() throws {
    let text = "\u{FEFF}" + ConfigFixtures.minimal.replacingOccurrences(of: "\n", with: "\r\n")
    let config = try ConfigLoader.parse(text, path: "feeds.conf")
    #expect(config.sources.first?.name == "Example China")
    #expect(config.site.title == "Test Desk")
}
