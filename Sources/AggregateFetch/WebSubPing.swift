import AggregateModel
import Foundation

/// Tells a WebSub hub that feeds changed (`hub.mode=publish`), so subscribers hear of it at once.
public enum WebSubPing {
    /// Pings `hub` once per URL; returns one message per ping that failed.
    public static func publish(hub: String, urls: [String], settings: FetchSettings) -> [String] {
        guard !urls.isEmpty else { return [] }
        let requests = urls.map { url in
            var request = FetchRequest(sourceID: url, location: hub, allowPrivateNetworks: settings.allowPrivateNetworks)
            request.formBody = "hub.mode=publish&hub.url=" + (url.addingPercentEncoding(withAllowedCharacters: formSafe) ?? url)
            return request
        }
        return Fetcher(settings: settings).fetchAll(requests).compactMap { outcome in
            switch outcome.result {
            case .success(let response) where (200..<300).contains(response.status):
                return nil
            case .success(let response):
                return "websub: \(hub): answered \(response.status) for \(outcome.request.sourceID); check hub in [site]"
            case .failure(let error):
                return "websub: \(outcome.request.sourceID): \(error)"
            }
        }
    }

    private static let formSafe: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()
}
