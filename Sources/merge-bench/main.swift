import AggregateCore
import AggregateMerge
import AggregateModel
import AggregateStore
import AggregateTestSupport
import Foundation

// Merges N generated items, 10% of them stories reported again by 2–4 other sources, through the real
// Merger and SQLite store; prints one line of JSON: items, seconds, items per second, peak RSS, outcomes.

extension SplitMix64 {
    /// Zipf-like: small ranks far more often, as words in headlines.
    mutating func zipf(_ n: Int) -> Int { Int(Double(n) * pow(Double(next() % 1_000_000) / 1_000_000, 3)) }
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let common = (0..<2_000).map { "word\($0)" }
let publishers = ["Xinhua", "Al Jazeera", "Dawn", "Reuters", "PTI", "AP"]
var random = SplitMix64(seed: 20_261_129)
let sources = (0..<50).map { index in
    SourceSettings(id: "source-\(index)", location: "https://s\(index).example.com/feed.xml", name: "\(publishers[index % publishers.count]) \(index)", categories: ["news"])
}
let start = Date(timeIntervalSince1970: 1_790_000_000)

struct Story {
    var title: String
    var date: Date
    var id: Int
}

/// Items in arrival order: each story once, and 10% of the items are other sources' copies of earlier stories.
var arrivals: [(Story, SourceSettings, Bool)] = []
var stories: [Story] = []
while arrivals.count < count {
    if !stories.isEmpty, random.below(10) == 0 {
        let story = stories[stories.count - 1 - random.below(min(stories.count, 500))]
        arrivals.append((story, sources[random.below(sources.count)], true))
        continue
    }
    let words = (0..<(5 + random.below(6))).map { _ in common[random.zipf(common.count)] }
    let names = ["name\(random.next() % 1_000_000)", "place\(random.next() % 100_000)"]
    let title = (words.prefix(2) + names + words.dropFirst(2)).joined(separator: " ").capitalized
    let story = Story(title: title, date: start.addingTimeInterval(Double(arrivals.count) * 30), id: stories.count)
    stories.append(story)
    arrivals.append((story, sources[random.below(sources.count)], false))
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
let lookup = StoreLookup(store: store)
let merger = Merger()
let body = "<p>" + Array(repeating: "Officials said the talks would continue next week.", count: 20).joined(separator: " ") + "</p>"
var outcomes: [MergeOutcome: Int] = [:]

let began = Date()
try store.beginBatch()
for (index, (story, source, isCopy)) in arrivals.enumerated() {
    // A copy: another URL with tracking parameters half the time, the same URL otherwise; a publisher suffix.
    let link = isCopy && index % 2 == 0
        ? "https://\(source.id).example.com/story/\(story.id)"
        : "https://wire.example.org/story/\(story.id)" + (isCopy ? "?utm_source=\(source.id)" : "")
    let title = isCopy ? story.title + " - " + source.name.split(separator: " ")[0] : story.title
    let entry = Entry(id: "\(source.id)-\(index)", title: title, link: link, published: story.date.addingTimeInterval(isCopy ? 600 : 0), summary: body)
    let decision = try merger.merge(entry, feed: Feed(format: .rss20), source: source, categories: source.categories, now: start.addingTimeInterval(40 * 86_400), lookup: lookup)
    try lookup.apply(decision)
    outcomes[decision.outcome, default: 0] += 1
    if index % 2_000 == 0 {
        try store.commitBatch()
        try store.beginBatch()
    }
}
try store.commitBatch()
let seconds = Date().timeIntervalSince(began)

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let copies = arrivals.filter(\.2).count
print("{\"items\": \(count), \"copies\": \(copies), \"seconds\": \(String(format: "%.2f", seconds)), \"items_per_second\": \(Int(Double(count) / seconds)), \"peak_rss_mb\": \(usage.ru_maxrss / 1024), \"new\": \(outcomes[.new] ?? 0), \"duplicate\": \(outcomes[.duplicate] ?? 0), \"unchanged\": \(outcomes[.unchanged] ?? 0)}")
