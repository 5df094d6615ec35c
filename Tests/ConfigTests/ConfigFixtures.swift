import AggregateConfig
import AggregateModel

/// Small configurations the tests start from.
enum ConfigFixtures {
    static let site = """
        [site]
        title = Test Desk
        base_url = https://news.example.org/

        """

    static let categories = """
        [category china]
        title = China

        [category tech]
        title = Technology

        """

    /// A valid file: site, two categories, one source; tests append or replace lines.
    static let minimal = site + categories + """
        [sources]
        https://feeds.example.com/china.xml  name="Example China"  categories=china

        """

    static func problems(_ text: String, path: String = "/srv/desk/feeds.conf") -> [ConfigProblem] {
        do {
            _ = try ConfigLoader.parse(text, path: path)
            return []
        } catch {
            guard case .invalid(let problems) = error else { return [] }
            return problems
        }
    }
}
