import Foundation

/// The stories of a channel related to one of its items: those sharing tags with it (lowercased), most shared
/// first, then the newest, then the first listed; at most `HTMLSite.relatedLimit`.
/// NOTE: the channel's tags are numbered once and compared as numbers: hashing the tags of every pair of items
/// was most of what a page's contexts cost.
struct RelatedStories {
    private let channel: Channel
    /// Each item's distinct tags, by number.
    private let tags: [[Int]]
    private let numbers: [String: Int]

    init(_ channel: Channel) {
        var numbers: [String: Int] = [:]
        tags = channel.items.map { item in
            item.relatedTags.map { tag in
                if let number = numbers[tag] { return number }
                numbers[tag] = numbers.count
                return numbers.count - 1
            }
        }
        self.channel = channel
        self.numbers = numbers
    }

    /// Positions in the channel of the stories related to `item`.
    func offsets(for item: PublishedItem) -> [Int] {
        guard !item.relatedTags.isEmpty else { return [] }
        // A tag no item of the channel has is shared with none.
        let own = item.relatedTags.compactMap { numbers[$0] }
        var scored: [(shared: Int, offset: Int, published: Date)] = []
        for offset in channel.items.indices where channel.items[offset].item.key != item.item.key {
            let shared = tags[offset].reduce(0) { count, tag in own.contains(tag) ? count + 1 : count }
            if shared > 0 { scored.append((shared, offset, channel.items[offset].published)) }
        }
        return scored
            .sorted { lhs, rhs in
                if lhs.shared != rhs.shared { return lhs.shared > rhs.shared }
                if lhs.published != rhs.published { return lhs.published > rhs.published }
                return lhs.offset < rhs.offset
            }
            .prefix(HTMLSite.relatedLimit).map(\.offset)
    }
}
