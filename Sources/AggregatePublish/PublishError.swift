/// Why a publish failed; every message names the file or setting and what to do.
public enum PublishError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The output folder cannot be created or written.
    case outputDirectoryUnusable(path: String, reason: String)
    /// Writing, syncing or renaming one output file failed.
    case writeFailed(path: String, reason: String)
    /// Removing a file of an earlier publish failed.
    case removeFailed(path: String, reason: String)
    /// A computed path would land outside the output folder.
    case pathOutsideOutput(path: String)
    /// A category slug is not `[a-z0-9-]+`.
    case invalidSlug(String)
    /// A category slug names a file the site itself writes.
    case reservedSlug(String)
    /// Two categories share a slug.
    case duplicateSlug(String)
    /// Neither the theme folder nor the built-in theme could be found.
    case themeNotFound(searched: [String])
    /// A template or the attribution template does not parse.
    case badTemplate(name: String, line: Int, column: Int, reason: String)
    /// A theme lacks a template the site needs.
    case missingTemplate(name: String, searched: String)
    /// A theme file cannot be read.
    case unreadableThemeFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .outputDirectoryUnusable(let path, let reason):
            return "publish: \(path): cannot use the output folder: \(reason) (check `output` in [site] and the folder's permissions)"
        case .writeFailed(let path, let reason):
            return "publish: \(path): cannot write: \(reason) (check free space and permissions of the output folder)"
        case .removeFailed(let path, let reason):
            return "publish: \(path): cannot remove the file of a dropped category: \(reason) (check permissions of the output folder)"
        case .pathOutsideOutput(let path):
            return "publish: \(path): refused, the path leaves the output folder (slugs may only hold a-z, 0-9 and -)"
        case .invalidSlug(let slug):
            return "publish: category \"\(slug)\": invalid slug, use only lower-case a-z, 0-9 and - (it names the output files)"
        case .reservedSlug(let slug):
            return "publish: category \"\(slug)\": the slug is reserved for the site's own files (\(slug).html), rename the category"
        case .duplicateSlug(let slug):
            return "publish: category \"\(slug)\": declared twice, give each category its own slug"
        case .themeNotFound(let searched):
            return "publish: the built-in theme was not found (looked in \(searched.joined(separator: ", "))); reinstall aggregate with its aggregate_AggregatePublish.resources folder, or set a theme folder"
        case .badTemplate(let name, let line, let column, let reason):
            return "publish: template \(name):\(line):\(column): \(reason) (fix the template or remove it from the theme folder to use the built-in one)"
        case .missingTemplate(let name, let searched):
            return "publish: template \(name) is missing from \(searched) (add it to the theme folder)"
        case .unreadableThemeFile(let path, let reason):
            return "publish: \(path): cannot read the theme file: \(reason)"
        }
    }
}
