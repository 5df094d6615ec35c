@testable import AggregateCore
import AggregateFetch
import AggregateMerge
import AggregateModel
import AggregateStore
import Foundation
import Testing

/// Bodies are parsed on the worker and by a caller waiting for a result; results come back in the order the
/// bodies were handed in, each with its own body's parse.
struct ParseAheadTests {
    static func feed(_ number: Int) -> [UInt8] {
        // Sizes vary so that the two threads finish out of order.
        let items = (0..<(1 + (number * 7) % 40)).map { item in
            "<item><title>Story \(item) of feed \(number)</title><link>https://example.org/\(number)/\(item)</link></item>"
        }
        return Array("<rss version=\"2.0\"><channel><title>Feed \(number)</title>\(items.joined())</channel></rss>".utf8)
    }

    @Test func resultsComeBackInTheOrderHandedIn() throws {
        let preparer = EntryPreparer(merger: Merger(), router: try Router(rules: []), categories: ["news"], now: Date(timeIntervalSince1970: 1_800_000_000))
        let parser = ParseAhead(limit: 64)
        // Handed in out of index order, as fetches complete.
        let order = (0..<60).map { ($0 * 37) % 60 }
        for index in order {
            let source = SourceSettings(id: "s\(index)", location: "https://example.org/\(index).xml", name: "S\(index)", categories: ["news"])
            let request = FetchRequest(sourceID: source.id, location: source.location)
            let response = FetchResponse(sourceID: source.id, status: 200, body: Self.feed(index), finalURL: source.location)
            parser.submit(ParseAhead.Job(
                index: index, body: .fetched(FetchOutcome(request: request, result: .success(response))), source: source,
                previous: SourceState(sourceID: source.id, location: source.location), configHash: "c", preparer: preparer))
        }
        parser.close()
        var seen: [Int] = []
        while let (index, outcome) = parser.next() {
            seen.append(index)
            let parse = try #require(try outcome.parse?.get())
            #expect(parse.feed.title == "Feed \(index)")
            #expect(outcome.entries?.count == 1 + (index * 7) % 40)
            parser.discard(outcome)
        }
        #expect(seen == order)
        #expect(parser.waiting == 0)
    }

    /// A started job's body is let go: the queue, never empty while bodies keep coming, held every one (57 MB of
    /// bodies in a run over 1,000 fetched feeds that had all changed).
    @Test func startedJobsLetTheirBodiesGo() throws {
        let preparer = EntryPreparer(merger: Merger(), router: try Router(rules: []), categories: ["news"], now: Date(timeIntervalSince1970: 1_800_000_000))
        let parser = ParseAhead(limit: 64)
        func submit(_ index: Int) {
            let source = SourceSettings(id: "s\(index)", location: "https://example.org/\(index).xml", name: "S\(index)", categories: ["news"])
            let response = FetchResponse(sourceID: source.id, status: 200, body: Self.feed(index), finalURL: source.location)
            parser.submit(ParseAhead.Job(
                index: index, body: .fetched(FetchOutcome(request: FetchRequest(sourceID: source.id, location: source.location), result: .success(response))),
                source: source, previous: SourceState(sourceID: source.id, location: source.location), configHash: "c", preparer: preparer))
        }
        // Three handed in for each one taken back: the queue always has jobs not started.
        var next = 0, taken = 0
        for _ in 0..<20 {
            for _ in 0..<3 {
                submit(next)
                next += 1
            }
            let (index, outcome) = try #require(parser.next())
            #expect(index == taken)
            taken += 1
            parser.discard(outcome)
        }
        #expect(parser.waiting > 0)
        #expect(parser.startedJobsHeld == 0)
        parser.close()
        while let (_, outcome) = parser.next() { parser.discard(outcome) }
    }

    /// Bodies count by their bytes too: two large bodies fill a queue that would take a hundred, and taking one
    /// back empties it enough.
    @Test func largeBodiesFillTheQueue() throws {
        let preparer = EntryPreparer(merger: Merger(), router: try Router(rules: []), categories: ["news"], now: Date(timeIntervalSince1970: 1_800_000_000))
        let sizes = (0..<3).map { Self.feed($0 * 6 + 5).count }
        let parser = ParseAhead(limit: 100, byteLimit: sizes[0] + sizes[1])
        for (position, number) in [5, 11, 17].enumerated() {
            #expect(!parser.isFull, "\(position) bodies handed in")
            let source = SourceSettings(id: "s\(number)", location: "https://example.org/\(number).xml", name: "S", categories: ["news"])
            let response = FetchResponse(sourceID: source.id, status: 200, body: Self.feed(number), finalURL: source.location)
            parser.submit(ParseAhead.Job(
                index: number, body: .fetched(FetchOutcome(request: FetchRequest(sourceID: source.id, location: source.location), result: .success(response))),
                source: source, previous: SourceState(sourceID: source.id, location: source.location), configHash: "c", preparer: preparer))
            if position == 1 { #expect(parser.isFull) }
            if position == 1, let (index, outcome) = parser.next() {
                #expect(index == 5)
                parser.discard(outcome)
            }
        }
        #expect(parser.isFull == (sizes[1] + sizes[2] >= sizes[0] + sizes[1]))
        parser.close()
        var rest: [Int] = []
        while let (index, outcome) = parser.next() {
            rest.append(index)
            parser.discard(outcome)
        }
        #expect(rest == [11, 17])
        #expect(!parser.isFull)
    }

    /// Fetched bodies are held from the moment they are handed in: `fetchedLimit` of them fill the queue, however
    /// many more local files it would take.
    @Test func fetchedBodiesHaveTheirOwnLimit() throws {
        let preparer = EntryPreparer(merger: Merger(), router: try Router(rules: []), categories: ["news"], now: Date(timeIntervalSince1970: 1_800_000_000))
        let parser = ParseAhead(limit: 100, fetchedLimit: 2)
        for number in 0..<3 {
            #expect(parser.isFull == (number == 2), "\(number) fetched bodies handed in")
            if number == 2 { break }
            let source = SourceSettings(id: "s\(number)", location: "https://example.org/\(number).xml", name: "S", categories: ["news"])
            let response = FetchResponse(sourceID: source.id, status: 200, body: Self.feed(number), finalURL: source.location)
            parser.submit(ParseAhead.Job(
                index: number, body: .fetched(FetchOutcome(request: FetchRequest(sourceID: source.id, location: source.location), result: .success(response))),
                source: source, previous: SourceState(sourceID: source.id, location: source.location), configHash: "c", preparer: preparer))
        }
        #expect(parser.isFull)
        let (index, outcome) = try #require(parser.next())
        #expect(index == 0)
        parser.discard(outcome)
        #expect(!parser.isFull)
        parser.close()
        while let (_, outcome) = parser.next() { parser.discard(outcome) }
    }
}
