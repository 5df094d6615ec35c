import AggregateModel

/// What every writer needs about the site besides the channel itself.
struct FeedContext: Sendable {
    let site: SiteSettings
    let urls: PublicURL
    let hub: String?

    init(site: SiteSettings, hub: String?) {
        self.site = site
        urls = PublicURL(baseURL: site.baseURL)
        self.hub = PublicURL.absolute(hub)
    }

    /// The title readers see for a channel: `Site — Category`.
    func title(of channel: Channel) -> String {
        "\(site.title) — \(channel.title)"
    }

    static let generatorName = "aggregate"
}
