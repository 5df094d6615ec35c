import Foundation
import Mustache

/// The HTML templates and static files: the built-in theme, with any file of a theme folder replacing its namesake.
struct Theme: Sendable {
    /// Templates the site renders; a theme folder may replace any of them and add partials.
    static let requiredTemplates = ["layout", "index", "category", "article", "item", "headline"]

    /// The parsed templates. Without the required ones when `isBuiltIn`: nothing renders them.
    let library: MustacheLibrary
    /// Files copied as they are to the output folder: `style.css`, and whatever else the theme folder holds
    /// at its top level (images, fonts), by file name.
    let assets: [String: Data]
    /// The templates are those `BuiltInPages` writes: pages are written by it, not rendered by Mustache.
    let isBuiltIn: Bool

    /// Reads the templates and assets; `byMustache` has Mustache render every page, the built-in theme's too (what
    /// `BuiltInPages` is compared with).
    static func load(themeDirectory: String?, byMustache: Bool = false) throws(PublishError) -> Theme {
        let builtIn = try builtInDirectory()
        var sources: [String: (path: String, text: String)] = [:]
        var assetPaths = ["style.css": builtIn + "/style.css"]
        var folders = [builtIn]
        if let themeDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: themeDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .unreadableThemeFile(path: themeDirectory, reason: "not a folder (check the theme setting)")
            }
            folders.append(themeDirectory)
        }
        for folder in folders {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw .unreadableThemeFile(path: folder, reason: "\(error.localizedDescription)")
            }
            if folder != builtIn {
                for name in names where !name.hasSuffix(".mustache") && !name.hasPrefix(".") && AtomicFileWriter.isSafe(name) {
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                        assetPaths[name] = folder + "/" + name
                    }
                }
            }
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let path = folder + "/" + name
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw .unreadableThemeFile(path: path, reason: "cannot read the file")
                }
                sources[String(name.dropLast(".mustache".count))] = (path, String(decoding: data, as: UTF8.self))
            }
        }
        let isBuiltIn = !byMustache && BuiltInPages.matches(sources.mapValues(\.text))
        var library = MustacheLibrary()
        // NOTE: the built-in templates are not parsed when `BuiltInPages` writes their pages (10 M instructions a
        // publish); other templates of the folder still are, so that a broken one is reported as before.
        for (name, source) in sources where !(isBuiltIn && requiredTemplates.contains(name)) {
            do {
                library.register(try MustacheTemplate(string: source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw .badTemplate(
                    name: source.path, line: error.context.lineNumber, column: error.context.columnNumber,
                    reason: "\(error.error)")
            } catch {
                throw .badTemplate(name: source.path, line: 0, column: 0, reason: "\(error)")
            }
        }
        for name in requiredTemplates where sources[name] == nil {
            throw .missingTemplate(name: name + ".mustache", searched: folders.joined(separator: ", "))
        }
        var assets: [String: Data] = [:]
        for (name, path) in assetPaths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadableThemeFile(path: path, reason: "cannot read the file")
            }
            assets[name] = data
        }
        return Theme(library: library, assets: assets, isBuiltIn: isBuiltIn)
    }

    /// The folders `load` reads and every file in them: what a publish depends on besides its input.
    static func paths(themeDirectory: String?) throws(PublishError) -> [String] {
        var folders = [try builtInDirectory()]
        if let themeDirectory { folders.append(themeDirectory) }
        var paths: [String] = []
        for folder in folders {
            paths.append(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            paths += names.sorted().map { folder + "/" + $0 }
        }
        return paths
    }

    /// Renders a page; the templates were checked at load, so a missing one is a programming error here.
    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// The `Theme` folder SwiftPM copies beside the binary, found without `Bundle.module`, whose accessor
    /// aborts the process when the folder is missing (a binary copied without its resources).
    static func builtInDirectory() throws(PublishError) -> String {
        let bundleName = "aggregate_AggregatePublish.resources"
        var candidates: [String] = []
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).path)
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let folder = executable.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent(bundleName).path)
            // An install that keeps resources in share/ beside bin/.
            candidates.append(folder.deletingLastPathComponent().appendingPathComponent("share/aggregate/" + bundleName).path)
        }
        var searched: [String] = []
        for candidate in candidates {
            let theme = candidate + "/Theme"
            searched.append(theme)
            if FileManager.default.fileExists(atPath: theme + "/layout.mustache") { return theme }
        }
        // During development, the sources themselves.
        let sourceTheme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Theme").path
        searched.append(sourceTheme)
        if FileManager.default.fileExists(atPath: sourceTheme + "/layout.mustache") { return sourceTheme }
        throw .themeNotFound(searched: searched)
    }
}
