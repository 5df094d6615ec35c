import AggregateConfig
import Testing

/// One row per kind of mistake: the text, the line it must be reported at, and words the message must hold.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    var label: String
    var text: String
    var line: Int
    var fragments: [String]
    var testDescription: String { label }
}

private let s = ConfigFixtures.site
private let c = ConfigFixtures.categories
private let src = "[sources]\nhttps://feeds.example.com/a.xml name=A categories=china\n"

let errorCases: [ErrorCase] = [
    ErrorCase(label: "unknown site key", text: "[site]\ntitle = T\ntitel = X\nbase_url = https://x.example.org/\n" + c + src,
              line: 3, fragments: ["unknown key \"titel\" in [site]", "expected one of: title, description, base_url", "did you mean \"title\""]),
    ErrorCase(label: "unknown category key", text: s + "[category china]\ntitle = China\nsummary = x\n" + src,
              line: 6, fragments: ["unknown key \"summary\" in [category china]", "expected one of: title, description"]),
    ErrorCase(label: "unknown section", text: s + c + src + "[feeds]\n", line: 11, fragments: ["unknown section [feeds]", "[site], [category SLUG], [sources]"]),
    ErrorCase(label: "misspelled section", text: s + c + "[source]\nhttps://a.example.com/ name=A categories=china\n", line: 9, fragments: ["unknown section [source]", "did you mean [sources]"]),
    ErrorCase(label: "line outside any section", text: "title = X\n" + s + c + src, line: 1, fragments: ["outside any section"]),
    ErrorCase(label: "missing site section", text: c + src, line: 1, fragments: ["missing [site] section"]),
    ErrorCase(label: "missing title", text: "[site]\nbase_url = https://x.example.org/\n" + c + src, line: 1, fragments: ["[site] is missing the required key title"]),
    ErrorCase(label: "missing base_url", text: "\n[site]\ntitle = T\n" + c + src, line: 2, fragments: ["missing the required key base_url"]),
    ErrorCase(label: "relative base_url", text: "[site]\ntitle = T\nbase_url = news.example.org\n" + c + src, line: 3, fragments: ["base_url", "not an absolute URL"]),
    ErrorCase(label: "ftp base_url", text: "[site]\ntitle = T\nbase_url = ftp://news.example.org/\n" + c + src, line: 3, fragments: ["unsupported URL scheme \"ftp\""]),
    ErrorCase(label: "duplicate site key", text: "[site]\ntitle = T\ntitle = U\nbase_url = https://x.example.org/\n" + c + src, line: 3, fragments: ["title is set twice", "line 2"]),
    ErrorCase(label: "second site section", text: s + "[site]\n" + c + src, line: 4, fragments: ["second [site] section", "line 1"]),
    ErrorCase(label: "key without value", text: "[site]\ntitle =\nbase_url = https://x.example.org/\n" + c + src, line: 2, fragments: ["title has no value"]),
    ErrorCase(label: "line without equals", text: "[site]\ntitle World Desk\nbase_url = https://x.example.org/\n" + c + src, line: 2, fragments: ["expected \"key = value\""]),
    ErrorCase(label: "duration without unit", text: s + "timeout = 30\n" + c + src, line: 4, fragments: ["timeout in [site]", "has no unit", "30s"]),
    ErrorCase(label: "fractional duration", text: s + "connect_timeout = 1.5s\n" + c + src, line: 4, fragments: ["not a duration"]),
    ErrorCase(label: "zero duration", text: s + "timeout = 0s\n" + c + src, line: 4, fragments: ["zero"]),
    ErrorCase(label: "size with space", text: s + "max_size = 16 MiB\n" + c + src, line: 4, fragments: ["max_size", "not a size"]),
    ErrorCase(label: "size unit case", text: s + "max_size = 16mib\n" + c + src, line: 4, fragments: ["not a size"]),
    ErrorCase(label: "items_per_feed not a number", text: s + "items_per_feed = fifty\n" + c + src, line: 4, fragments: ["not a whole number"]),
    ErrorCase(label: "items_per_feed out of range", text: s + "items_per_feed = 0\n" + c + src, line: 4, fragments: ["out of range", "1 to 10000"]),
    ErrorCase(label: "bad yes/no", text: s + "allow_private_networks = maybe\n" + c + src, line: 4, fragments: ["not yes or no"]),
    ErrorCase(label: "ttl in seconds", text: s + "ttl = 90s\n" + c + src, line: 4, fragments: ["whole number of minutes"]),
    ErrorCase(label: "ttl over a year", text: s + "ttl = 400d\n" + c + src, line: 4, fragments: ["longer than a year"]),
    ErrorCase(label: "bad language", text: s + "language = english!\n" + c + src, line: 4, fragments: ["not a language tag"]),
    ErrorCase(label: "output is a URL", text: s + "output = https://x.example.org/out\n" + c + src, line: 4, fragments: ["is a URL; expected a folder path"]),
    ErrorCase(label: "upper-case slug", text: s + "[category China]\ntitle = China\n" + src, line: 4, fragments: ["not a valid category slug"]),
    ErrorCase(label: "reserved slug", text: s + c + "[category all]\ntitle = All\n" + src, line: 9, fragments: ["\"all\" is reserved"]),
    ErrorCase(label: "duplicate category", text: s + c + "[category china]\ntitle = Again\n" + src, line: 9, fragments: ["duplicate category \"china\"", "line 4"]),
    ErrorCase(label: "category without slug", text: s + "[category]\ntitle = X\n" + src, line: 4, fragments: ["needs a slug"]),
    ErrorCase(label: "category missing title", text: s + "[category china]\ndescription = d\n" + src, line: 4, fragments: ["[category china] is missing the required key title"]),
    ErrorCase(label: "unterminated quote in value", text: s + "description = \"open\n" + c + src, line: 4, fragments: ["description", "unterminated double quote"]),
    ErrorCase(label: "text after quoted value", text: s + "description = \"a\" b\n" + c + src, line: 4, fragments: ["text after the closing quote"]),
    ErrorCase(label: "unknown escape", text: s + "description = \"a\\n\"\n" + c + src, line: 4, fragments: ["unknown escape \\n"]),
    ErrorCase(label: "unknown source option", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china refrseh=15m\n", line: 10,
              fragments: ["unknown option \"refrseh\" in [sources]", "name, categories, id, site, feed_url, refresh, priority, allow_private_networks", "did you mean \"refresh\""]),
    ErrorCase(label: "missing name", text: s + c + "[sources]\nhttps://a.example.com/ categories=china\n", line: 10, fragments: ["missing the required option name="]),
    ErrorCase(label: "missing categories", text: s + c + "[sources]\nhttps://a.example.com/ name=A\n", line: 10, fragments: ["missing the required option categories="]),
    ErrorCase(label: "undeclared category", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china,sport\n", line: 10,
              fragments: ["names category \"sport\", which is not declared", "declared: china, tech"]),
    ErrorCase(label: "category all listed", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=all\n", line: 10, fragments: ["\"all\" is the merged feed"]),
    ErrorCase(label: "empty category in list", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china,,tech\n", line: 10, fragments: ["empty slug"]),
    ErrorCase(label: "category listed twice", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china,china\n", line: 10, fragments: ["listed twice"]),
    ErrorCase(label: "duplicate location", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china\nhttps://a.example.com/ name=B categories=tech\n", line: 11,
              fragments: ["already listed at line 10"]),
    ErrorCase(label: "duplicate id", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china id=a\nhttps://b.example.com/ name=B categories=tech id=a\n", line: 11,
              fragments: ["duplicate source id \"a\"", "line 10"]),
    ErrorCase(label: "same file written two ways", text: s + c + "[sources]\nseeds/a.xml name=A categories=china\n./seeds/../seeds/a.xml name=B categories=tech\n", line: 11,
              fragments: ["already listed at line 10"]),
    ErrorCase(label: "feed scheme", text: s + c + "[sources]\nfeed://a.example.com/rss name=A categories=china\n", line: 10, fragments: ["unsupported URL scheme \"feed\"", "http(s) URL or a file path"]),
    ErrorCase(label: "file scheme", text: s + c + "[sources]\nfile:///srv/a.xml name=A categories=china\n", line: 10, fragments: ["unsupported URL scheme \"file\""]),
    ErrorCase(label: "http without host", text: s + c + "[sources]\nhttps:///a.xml name=A categories=china\n", line: 10, fragments: ["not a valid https URL"]),
    ErrorCase(label: "site option not http", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china site=www.example.com\n", line: 10, fragments: ["option site", "not an absolute URL"]),
    ErrorCase(label: "feed_url option bad scheme", text: s + c + "[sources]\nseeds/a.xml name=A categories=china feed_url=ftp://a.example.com/\n", line: 10, fragments: ["option feed_url", "unsupported URL scheme"]),
    ErrorCase(label: "bad refresh", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china refresh=15min\n", line: 10, fragments: ["option refresh", "not a duration"]),
    ErrorCase(label: "bad priority", text: s + c + "[sources]\nhttps://a.example.com/ name=A categories=china priority=high\n", line: 10, fragments: ["option priority", "not a whole number"]),
    ErrorCase(label: "option twice", text: s + c + "[sources]\nhttps://a.example.com/ name=A name=B categories=china\n", line: 10, fragments: ["option name is given twice"]),
    ErrorCase(label: "spaces around equals", text: s + c + "[sources]\nhttps://a.example.com/ name = A categories=china\n", line: 10, fragments: ["without spaces around '='", "name=VALUE"]),
    ErrorCase(label: "space after equals", text: s + c + "[sources]\nhttps://a.example.com/ name= A categories=china\n", line: 10, fragments: ["without spaces around '='", "name=VALUE"]),
    ErrorCase(label: "space before equals", text: s + c + "[sources]\nhttps://a.example.com/ categories=china name =\"A B\"\n", line: 10, fragments: ["without spaces around '='", "name=VALUE"]),
    ErrorCase(label: "bare word after location", text: s + c + "[sources]\nhttps://a.example.com/ name=Al Jazeera categories=china\n", line: 10, fragments: ["found \"Jazeera\"", "quote values with spaces"]),
    ErrorCase(label: "unterminated quote in source", text: s + c + "[sources]\nhttps://a.example.com/ name=\"Al Jazeera categories=china\n", line: 10, fragments: ["unterminated double quote"]),
    ErrorCase(label: "option before location", text: s + c + "[sources]\nname=A https://a.example.com/ categories=china\n", line: 10, fragments: ["starts with an option"]),
    ErrorCase(label: "no sources", text: s + c + "[sources]\n# nothing yet\n", line: 9, fragments: ["no sources"]),
]

@Test(arguments: errorCases)
func reportsEachMistakeAtItsLine(_ row: ErrorCase) {
    let problems = ConfigFixtures.problems(row.text)
    let match = problems.first { problem in problem.line == row.line && row.fragments.allSatisfy { problem.message.contains($0) } }
    #expect(match != nil, "expected a problem at line \(row.line) with \(row.fragments); got:\n\(problems.map(\.description).joined(separator: "\n"))")
    // One mistake, one problem: no cascade of follow-up messages.
    #expect(problems.count == 1, "\(problems.map(\.description))")
    #expect(match?.description.hasPrefix("/srv/desk/feeds.conf:\(row.line): ") == true)
}

@Test func collectsEveryProblemInOnePass() {
    let text = """
        [site]
        titel = X
        base_url = ftp://x.example.org/
        timeout = 30
        [category China]
        [category tech]
        title = Tech
        [sources]
        https://a.example.com/ name=A categories=tech,sport
        gopher://b.example.com/ name=B categories=tech
        https://c.example.com/ name="C" categories=tech refresh=never
        """
    let problems = ConfigFixtures.problems(text, path: "feeds.conf")
    // Line 9 names "sport", undeclared, but the broken [category China] header may be the cause: not repeated.
    #expect(problems.map(\.line) == [1, 2, 3, 4, 5, 10, 11])
    #expect(problems.allSatisfy { $0.file == "feeds.conf" })
    #expect(problems.map(\.line) == problems.map(\.line).sorted())
}

@Test func errorDescriptionListsOneProblemPerLine() {
    do {
        _ = try ConfigLoader.parse(ConfigFixtures.minimal + "[bogus]\n", path: "feeds.conf")
        Issue.record("an unknown section was accepted")
    } catch {
        #expect(error.lines == ["feeds.conf:11: unknown section [bogus]; expected one of: [site], [category SLUG], [sources]"])
        #expect(error.description == error.lines.joined(separator: "\n"))
    }
}
