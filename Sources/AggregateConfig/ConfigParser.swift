import AggregateModel
import Foundation

/// One pass over the lines of `feeds.conf`: every problem is collected, none stops the pass.
struct ConfigParser {
    private enum Section {
        case none
        case site
        case category(Int)
        case sources
        /// After a broken section header: its lines are skipped so one typo gives one problem.
        case skipped
    }

    private struct PendingCategory {
        var slug: String
        var line: Int
        var values: [String: String] = [:]
        var keyLines: [String: Int] = [:]
        var match: PatternSetting?
        var exclude: PatternSetting?
        var maxAge: TimeInterval?
        var perSource: Int?
    }

    private struct PendingSource {
        var settings: SourceSettings
        var line: Int
        var categoryLines: [(slug: String, line: Int)]
    }

    let file: String
    let directory: URL
    /// Paths resolved without making a URL, where that gives the same path.
    private let plainPaths: PlainPath
    private var problems: [ConfigProblem] = []
    private var section = Section.none
    private var siteLine: Int?
    private var sourcesLine: Int?
    private var siteKeyLines: [String: Int] = [:]
    /// Keys written on a line that could not be read: not reported again as missing.
    private var mentionedKeys: Set<String> = []
    /// A `[category …]` header was broken, so "category not declared" would only repeat that problem.
    private var brokenCategoryHeader = false
    private var site = SiteSettings(title: "", description: "", baseURL: "", outputDirectory: "public", cacheDirectory: "cache")
    private var categories: [PendingCategory] = []
    private var sources: [PendingSource] = []
    /// The first line listing each location and each source id: searching `sources` for every line made loading a
    /// 1,000-source file quadratic (420 million instructions, before a run could start).
    private var lineByLocation: [String: Int] = [:]
    private var lineByID: [String: Int] = [:]

    init(file: String, directory: URL) {
        self.file = file
        self.directory = directory
        plainPaths = PlainPath(directory: directory.path)
    }

    mutating func parse(_ text: String) -> Result<Configuration, ConfigError> {
        var lineNumber = 0
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        for rawLine in ConfigLineScanner.lines(body) {
            lineNumber += 1
            let line = ConfigLineScanner.stripComment(rawLine)
            if line.isEmpty { continue }
            if line.first == "[" {
                header(line, at: lineNumber)
                continue
            }
            switch section {
            case .none:
                report(lineNumber, "\"\(line)\" is outside any section; start with a section header: \(ConfigKeys.sections)")
                section = .skipped
            case .skipped:
                continue
            case .site:
                if let (key, value) = keyValue(line, at: lineNumber, in: "[site]") { siteValue(key, value, at: lineNumber) }
            case .category(let index):
                if let (key, value) = keyValue(line, at: lineNumber, in: "[category \(categories[index].slug)]") {
                    categoryValue(index, key, value, at: lineNumber)
                }
            case .sources:
                sourceLine(line, at: lineNumber)
            }
        }
        finish(lastLine: max(lineNumber, 1))
        if !problems.isEmpty {
            return .failure(.invalid(problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)))
        }
        let configuration = Configuration(
            site: site,
            categories: categories.map {
                CategorySettings(
                    slug: $0.slug, title: $0.values["title"] ?? "", description: $0.values["description"] ?? "",
                    match: $0.match, exclude: $0.exclude, maxAge: $0.maxAge, perSource: $0.perSource)
            },
            sources: sources.map(\.settings),
            path: directory.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent).path
        )
        return .success(configuration)
    }

    private mutating func report(_ line: Int, _ message: String) {
        problems.append(ConfigProblem(file: file, line: line, message: message))
    }

    // MARK: Section headers

    private mutating func header(_ line: Substring, at number: Int) {
        section = .skipped
        guard line.last == "]" else {
            report(number, "section header \"\(line)\" is missing its closing ']'")
            return
        }
        let inner = ConfigLineScanner.trimmed(line.dropFirst().dropLast())
        let words = inner.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first else {
            report(number, "empty section header; expected one of: \(ConfigKeys.sections)")
            return
        }
        switch name {
        case "site":
            guard words.count == 1 else { return report(number, "[site] takes no name; write just [site]") }
            if let first = siteLine { return report(number, "second [site] section; the first is at line \(first), keep one") }
            siteLine = number
            section = .site
        case "sources":
            guard words.count == 1 else { return report(number, "[sources] takes no name; write just [sources]") }
            if sourcesLine == nil { sourcesLine = number }
            section = .sources
        case "category":
            // Set until the header proves valid; the failure paths below return early.
            let brokenBefore = brokenCategoryHeader
            brokenCategoryHeader = true
            guard words.count == 2 else {
                return report(number, words.count == 1
                    ? "[category] needs a slug; write e.g. [category china]"
                    : "[category] takes one slug without spaces; write e.g. [category us-politics]")
            }
            let slug: String
            do { slug = try ScalarValues.slug(words[1]) } catch { return report(number, error.message) }
            if let first = categories.first(where: { $0.slug == slug }) {
                return report(number, "duplicate category \"\(slug)\"; it is already declared at line \(first.line)")
            }
            brokenCategoryHeader = brokenBefore
            categories.append(PendingCategory(slug: slug, line: number))
            section = .category(categories.count - 1)
        default:
            var message = "unknown section [\(inner)]; expected one of: \(ConfigKeys.sections)"
            if let guess = ConfigKeys.closest(to: name, in: ["site", "category", "sources"]) { message += " (did you mean [\(guess)]?)" }
            report(number, message)
        }
    }

    // MARK: key = value sections

    private mutating func keyValue(_ line: Substring, at number: Int, in place: String) -> (String, String)? {
        guard let equals = line.firstIndex(of: "=") else {
            if let word = line.split(whereSeparator: \.isWhitespace).first { mentionedKeys.insert(place + String(word)) }
            report(number, "expected \"key = value\" in \(place), found \"\(line)\"")
            return nil
        }
        let key = String(ConfigLineScanner.trimmed(line[..<equals]))
        guard !key.isEmpty else {
            report(number, "missing key before '=' in \(place)")
            return nil
        }
        mentionedKeys.insert(place + key)
        let value: String
        do { value = try ConfigLineScanner.value(line[line.index(after: equals)...]) } catch {
            report(number, "\(key): \(error.message)")
            return nil
        }
        guard !value.isEmpty else {
            report(number, "\(key) has no value in \(place); write \(key) = VALUE or remove the line")
            return nil
        }
        return (key, value)
    }

    private mutating func siteValue(_ key: String, _ value: String, at number: Int) {
        guard ConfigKeys.site.contains(key) else {
            return report(number, ConfigKeys.unknown("key", key, in: "[site]", expected: ConfigKeys.site))
        }
        if let first = siteKeyLines[key] { return report(number, "\(key) is set twice in [site]; the first is at line \(first)") }
        siteKeyLines[key] = number
        do {
            switch key {
            case "title": site.title = value
            case "description": site.description = value
            case "base_url":
                let url = try ScalarValues.webURL(value)
                site.baseURL = url.hasSuffix("/") ? url : url + "/"
            case "output": site.outputDirectory = try localPath(value)
            case "cache": site.cacheDirectory = try localPath(value)
            case "items_per_feed": site.itemsPerFeed = try ScalarValues.integer(value, in: 1...10_000)
            case "language": site.language = try ScalarValues.language(value)
            case "ttl": site.ttlMinutes = try ttlMinutes(value)
            case "timeout": site.fetch.timeout = try DurationValue.positive(value)
            case "connect_timeout": site.fetch.connectTimeout = try DurationValue.positive(value)
            case "max_size": site.fetch.maxBytes = try ByteSizeValue.positive(value)
            case "concurrency": site.fetch.concurrency = try ScalarValues.integer(value, in: 1...1000)
            case "per_host": site.fetch.perHost = try ScalarValues.integer(value, in: 1...100)
            case "allow_private_networks": site.fetch.allowPrivateNetworks = try ScalarValues.yesNo(value)
            case "exclude": site.exclude = try pattern(value, at: number)
            case "dedupe_threshold": site.dedupe.threshold = try ScalarValues.fraction(value)
            case "dedupe_window": site.dedupe.window = try DurationValue.positive(value)
            case "tracking_parameters":
                site.dedupe.trackingParameters = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            case "theme": site.publishing.themeDirectory = try localPath(value)
            case "article_pages": site.publishing.articlePages = try ScalarValues.yesNo(value)
            case "hub": site.publishing.hub = try ScalarValues.webURL(value)
            case "attribution": site.publishing.attributionTemplate = value
            default: break
            }
        } catch {
            report(number, "\(key) in [site]: \(error.message)")
        }
    }

    /// Minutes as a bare number (`30`), or a duration in whole minutes (`2h`).
    private func ttlMinutes(_ value: String) throws(ValueError) -> Int {
        if value.allSatisfy({ $0.isASCII && $0.isNumber }) { return try ScalarValues.integer(value, in: 1...525_600) }
        let seconds = try DurationValue.positive(value)
        guard seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 else {
            throw ValueError("\"\(value)\" is not a whole number of minutes; write minutes (30) or a duration like 2h")
        }
        guard seconds <= 525_600 * 60 else { throw ValueError("\"\(value)\" is longer than a year; expected at most 525600 minutes") }
        return Int(seconds / 60)
    }

    /// A case-insensitive regular expression, checked now so that a typo is reported with its line.
    private func pattern(_ value: String, at number: Int) throws(ValueError) -> PatternSetting {
        do { _ = try NSRegularExpression(pattern: value, options: [.caseInsensitive]) } catch {
            throw ValueError("\"\(value)\" is not a valid regular expression; write e.g. China|Beijing|Xi Jinping")
        }
        return PatternSetting(pattern: value, origin: "\(file):\(number)")
    }

    private func localPath(_ value: String) throws(ValueError) -> String {
        guard !ScalarValues.hasScheme(value) else { throw ValueError("\"\(value)\" is a URL; expected a folder path") }
        return resolve(value)
    }

    /// Relative paths are relative to the folder of the configuration file, not the working directory.
    private func resolve(_ path: String) -> String {
        let expanded = path.hasPrefix("~/") ? NSString(string: path).expandingTildeInPath : path
        if let plain = plainPaths.resolved(expanded) { return plain }
        return URL(fileURLWithPath: expanded, relativeTo: directory).standardizedFileURL.path
    }

    private mutating func categoryValue(_ index: Int, _ key: String, _ value: String, at number: Int) {
        let place = "[category \(categories[index].slug)]"
        guard ConfigKeys.category.contains(key) else {
            return report(number, ConfigKeys.unknown("key", key, in: place, expected: ConfigKeys.category))
        }
        if let first = categories[index].keyLines[key] { return report(number, "\(key) is set twice in \(place); the first is at line \(first)") }
        categories[index].keyLines[key] = number
        categories[index].values[key] = value
        do {
            switch key {
            case "match": categories[index].match = try pattern(value, at: number)
            case "exclude": categories[index].exclude = try pattern(value, at: number)
            case "max_age": categories[index].maxAge = try DurationValue.positive(value)
            case "per_source": categories[index].perSource = try ScalarValues.integer(value, in: 1...10_000)
            default: break
            }
        } catch {
            report(number, "\(key) in \(place): \(error.message)")
        }
    }

    // MARK: [sources]

    private mutating func sourceLine(_ line: Substring, at number: Int) {
        let tokens: [ConfigLineScanner.Token]
        do { tokens = try ConfigLineScanner.tokens(line) } catch { return report(number, error.message) }
        guard let first = tokens.first else { return }
        let written = first.text
        if first.equalsOffset != nil, !first.wasQuoted, ConfigKeys.source.contains(String(written.prefix(first.equalsOffset!))) {
            return report(number, "source line starts with an option; expected the feed's URL or path first, then key=value options")
        }

        var location = written
        let lowered = written.lowercased()
        if lowered.hasPrefix("http:") || lowered.hasPrefix("https:") {
            do { location = try ScalarValues.webURL(written) } catch { report(number, "source location: \(error.message)") }
        } else if ScalarValues.hasScheme(written) {
            let scheme = written.prefix(while: { $0 != ":" })
            report(number, "unsupported URL scheme \"\(scheme)\" in \"\(written)\"; a source is an http(s) URL or a file path")
        } else {
            location = resolve(written)
        }

        var options: [String: (value: String, line: Int)] = [:]
        var misspelled: Set<String> = []
        var index = 1
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            let next = index < tokens.count ? tokens[index] : nil
            // `name = "X"`, `name =X` and `name= X`: one problem for the option, not one per word.
            if !token.wasQuoted, let next {
                let bareKey = token.equalsOffset == nil && next.equalsOffset == 0
                let trailingEquals = token.equalsOffset == token.text.count - 1 && token.text.count > 1 && next.equalsOffset == nil
                if bareKey || trailingEquals {
                    let key = bareKey ? token.text : String(token.text.dropLast())
                    misspelled.insert(key)
                    report(number, "write options without spaces around '=': \(key)=VALUE")
                    index += bareKey && next.text == "=" && index + 1 < tokens.count ? 2 : 1
                    continue
                }
            }
            guard let offset = token.equalsOffset, offset > 0 else {
                report(number, "expected key=value after the location, found \"\(token.text)\"; quote values with spaces: name=\"Al Jazeera\"")
                continue
            }
            let key = String(token.text.prefix(offset))
            let value = String(token.text.dropFirst(offset + 1))
            guard ConfigKeys.source.contains(key) else {
                report(number, ConfigKeys.unknown("option", key, in: "[sources]", expected: ConfigKeys.source))
                continue
            }
            guard options[key] == nil else { report(number, "option \(key) is given twice"); continue }
            guard !value.isEmpty else { report(number, "option \(key) has no value"); continue }
            options[key] = (value, number)
        }
        for key in ConfigKeys.requiredSource where options[key] == nil && !misspelled.contains(key) {
            report(number, "source \"\(written)\" is missing the required option \(key)=")
        }

        var settings = SourceSettings(id: written, location: location, name: options["name"]?.value ?? "", categories: [], origin: "\(file):\(number)")
        var categoryLines: [(String, Int)] = []
        for (key, entry) in options.sorted(by: { $0.key < $1.key }) {
            let value = entry.value
            do throws(ValueError) {
                switch key {
                case "id": settings.id = value
                case "site": settings.siteURL = try ScalarValues.webURL(value)
                case "feed_url": settings.feedURL = try ScalarValues.webURL(value)
                case "refresh": settings.refresh = try DurationValue.positive(value)
                case "priority": settings.priority = try ScalarValues.integer(value, in: -1_000_000...1_000_000)
                case "allow_private_networks": settings.allowPrivateNetworks = try ScalarValues.yesNo(value)
                case "exclude": settings.exclude = try pattern(value, at: number)
                case "categories":
                    for slug in ConfigLineScanner.commaSeparated(value) {
                        if slug.isEmpty { throw ValueError("empty slug in \"\(value)\"; write slugs separated by commas without spaces: china,political") }
                        if slug == ScalarValues.reservedSlug {
                            throw ValueError("\"all\" is the merged feed of every source and needs no listing; name the source's own categories")
                        }
                        if settings.categories.contains(slug) { throw ValueError("\"\(slug)\" is listed twice") }
                        settings.categories.append(slug)
                        categoryLines.append((slug, number))
                    }
                default: break
                }
            } catch {
                report(number, "option \(key): \(error.message)")
            }
        }

        if let earlier = lineByLocation[location] {
            report(number, "source \"\(written)\" is already listed at line \(earlier)")
        } else if let earlier = lineByID[settings.id] {
            report(number, "duplicate source id \"\(settings.id)\"; line \(earlier) already uses it")
        }
        if lineByLocation[location] == nil { lineByLocation[location] = number }
        if lineByID[settings.id] == nil { lineByID[settings.id] = number }
        sources.append(PendingSource(settings: settings, line: number, categoryLines: categoryLines))
    }

    // MARK: Whole-file checks

    private mutating func finish(lastLine: Int) {
        if siteKeyLines["output"] == nil { site.outputDirectory = resolve("public") }
        if siteKeyLines["cache"] == nil { site.cacheDirectory = resolve("cache") }
        if let siteLine {
            for key in ConfigKeys.requiredSite where siteKeyLines[key] == nil && !mentionedKeys.contains("[site]" + key) {
                report(siteLine, "[site] is missing the required key \(key)")
            }
        } else {
            report(1, "missing [site] section; it needs at least title and base_url")
        }
        for category in categories {
            for key in ConfigKeys.requiredCategory where category.values[key] == nil && !mentionedKeys.contains("[category \(category.slug)]" + key) {
                report(category.line, "[category \(category.slug)] is missing the required key \(key)")
            }
        }
        let declared = Set(categories.map(\.slug))
        let declaredList = categories.isEmpty ? "none declared; add [category SLUG] sections" : "declared: " + categories.map(\.slug).joined(separator: ", ")
        for source in sources where !brokenCategoryHeader {
            for (slug, line) in source.categoryLines where !declared.contains(slug) {
                var message = "source \"\(source.settings.id)\" names category \"\(slug)\", which is not declared (\(declaredList))"
                if let guess = ConfigKeys.closest(to: slug, in: categories.map(\.slug)) { message += "; did you mean \"\(guess)\"?" }
                report(line, message)
            }
        }
        if sources.isEmpty, problems.isEmpty {
            report(sourcesLine ?? lastLine, "no sources; list feeds under [sources], one per line: LOCATION name=\"…\" categories=…")
        }
    }
}
