import AggregateModel
@testable import AggregatePublish
import Foundation
import Testing

/// Every writer's output for the fixture site, byte for byte.
@Suite struct GoldenFileTests {
    static let files = [
        "tech.xml", "tech.atom", "tech.json", "tech.html",
        "science.xml", "science.atom", "science.json", "science.html",
        "all.xml", "index.html", "sources.opml", "feeds.opml",
    ]

    @Test(arguments: files)
    func writerOutputMatchesGolden(name: String) throws {
        let rendered = try Publisher.render(Fixtures.input(output: "/nonexistent/out"))
        let data = try #require(rendered[name], "the publisher no longer writes \(name)")
        try Golden.check(data, name: name)
    }

    @Test func articlePageMatchesGolden() throws {
        let rendered = try Publisher.render(Fixtures.input(output: "/nonexistent/out", options: PublishOptions(articlePages: true)))
        let path = HTMLSite.articlePath(for: Fixtures.chips.key)
        let data = try #require(rendered[path])
        try Golden.check(data, name: "article.html")
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let first = try Publisher.render(Fixtures.input(output: "/nonexistent/out", options: PublishOptions(articlePages: true)))
        let second = try Publisher.render(Fixtures.input(output: "/nonexistent/out", options: PublishOptions(articlePages: true)))
        #expect(first == second)
    }
}
