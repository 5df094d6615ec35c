import AggregateMerge
import AggregateModel
import Testing

struct RoutingTests {
    let world = SourceSettings(id: "world", location: "https://world.example.com/rss", name: "World Wire", categories: ["political"])
    let known: Set<String> = ["china", "political", "sports"]

    func router() throws -> Router {
        try Router(rules: [
            RoutingRule(scope: .addTo("china"), pattern: #"\b(China|Beijing|Xi Jinping)\b"#, origin: "feeds.conf:20"),
            RoutingRule(scope: .everySource, pattern: "sponsored", origin: "feeds.conf:8"),
            RoutingRule(scope: .source("world"), pattern: #"^Horoscope"#, origin: "feeds.conf:40"),
            RoutingRule(scope: .keepOutOf("political"), pattern: #"\bcricket\b"#, origin: "feeds.conf:25"),
        ])
    }

    static let table: [(String, String, [String])] = [
        ("Xi Jinping meets Central Asian leaders", "", ["political", "china"]),
        ("Trade talks resume", "<p>Delegates from <b>Beijing</b> arrived on Monday.</p>", ["political", "china"]),
        ("Chinatown festival draws crowds", "", ["political"]),
        ("Sponsored: the best VPNs", "", []),
        ("Horoscope for Monday", "", []),
        ("Parliament debates cricket board funding", "", []),
        ("Minister resigns", "", ["political"]),
    ]

    @Test(arguments: table)
    func routes(title: String, summary: String, expected: [String]) throws {
        let routing = try router().route(Entry(title: title, summary: summary), source: world, known: known)
        #expect(routing.categories == expected, "\(routing.reasons)")
        #expect(!routing.reasons.isEmpty)
    }

    @Test func reasonsNameTheRule() throws {
        let routing = try router().route(Entry(title: "Xi Jinping visits"), source: world, known: known)
        #expect(routing.reasons.contains { $0.contains("feeds.conf:20") && $0.contains("Xi Jinping") })
    }

    @Test func invalidPatternNamesItsLine() {
        #expect(throws: RoutingError.self) { try Router(rules: [RoutingRule(scope: .everySource, pattern: "(unclosed", origin: "feeds.conf:3")]) }
    }
}
