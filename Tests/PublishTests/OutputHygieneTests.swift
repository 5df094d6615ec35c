import AggregateModel
@testable import AggregatePublish
import AggregateTestSupport
import Foundation
import Testing

/// Atomic, churn-free, confined writes and cleanup of what we wrote before.
@Suite struct OutputHygieneTests {
    private func modificationDate(_ path: String) throws -> Date {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    private func inode(_ path: String) throws -> Int {
        try #require((FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.intValue)
    }

    @Test func secondPublishWithSameItemsTouchesNothing() throws {
        let output = try TestPaths.temporaryDirectory("publish-churn").path
        let first = try Publisher.publish(Fixtures.input(output: output, options: PublishOptions(articlePages: true)))
        #expect(first.unchanged.isEmpty)
        #expect(first.written.contains("tech.xml") && first.written.contains("index.html") && first.written.contains("style.css"))

        // Back-date every file: a rewrite, even within the same clock tick, would move the date forward.
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        var before: [String: (Data, Int)] = [:]
        for path in first.written {
            let full = output + "/" + path
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: full)
            before[path] = (try #require(FileManager.default.contents(atPath: full)), try inode(full))
        }

        let second = try Publisher.publish(Fixtures.input(output: output, options: PublishOptions(articlePages: true)))
        #expect(second.written.isEmpty)
        #expect(second.removed.isEmpty)
        #expect(Set(second.unchanged) == Set(first.written))
        for (path, (data, node)) in before {
            let full = output + "/" + path
            #expect(FileManager.default.contents(atPath: full) == data, "\(path) changed")
            #expect(try modificationDate(full) == old, "\(path) was rewritten")
            #expect(try inode(full) == node, "\(path) was replaced")
        }
    }

    @Test func changedItemRewritesOnlyAffectedFilesAtomically() throws {
        let output = try TestPaths.temporaryDirectory("publish-change").path
        _ = try Publisher.publish(Fixtures.input(output: output))
        let oldInode = try inode(output + "/tech.xml")
        var input = Fixtures.input(output: output)
        var bare = Fixtures.bare
        bare.title = "Code freeze lifted"
        input.itemsByCategory["tech"] = [Fixtures.chips, Fixtures.upstream, bare]
        let report = try Publisher.publish(input)
        #expect(report.written.contains("tech.xml"))
        #expect(!report.written.contains("science.xml"))
        #expect(!report.written.contains("sources.opml"))
        // Replaced by rename, not rewritten in place: a reader never sees half a file.
        #expect(try inode(output + "/tech.xml") != oldInode)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func temporaryFilesOfAKilledRunAreCleanedUp() throws {
        let output = try TestPaths.temporaryDirectory("publish-killed").path
        _ = try Publisher.publish(Fixtures.input(output: output, options: PublishOptions(articlePages: true)))
        let stale = [output + "/.tech.xml.tmp-4242-17", output + "/articles/.x.html.tmp-1-2"]
        for path in stale { try Data("half".utf8).write(to: URL(fileURLWithPath: path)) }
        let lookalike = output + "/.notes.tmp-backup"
        try Data("mine".utf8).write(to: URL(fileURLWithPath: lookalike))
        _ = try Publisher.publish(Fixtures.input(output: output, options: PublishOptions(articlePages: true)))
        for path in stale { #expect(!FileManager.default.fileExists(atPath: path)) }
        #expect(FileManager.default.fileExists(atPath: lookalike))
    }

    @Test func droppedCategoryFilesAreRemovedButNotOthers() throws {
        let output = try TestPaths.temporaryDirectory("publish-drop").path
        _ = try Publisher.publish(Fixtures.input(output: output, options: PublishOptions(articlePages: true)))
        // A file someone else put there must survive.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: output + "/robots.txt"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: output + "/science.backup.xml"))

        var input = Fixtures.input(output: output)
        input.categories = [Fixtures.categories[0]]
        input.itemsByCategory["science"] = nil
        let report = try Publisher.publish(input)
        let articles = Set([Fixtures.chips, Fixtures.upstream, Fixtures.bare].map { HTMLSite.articlePath(for: $0.key) })
        #expect(Set(report.removed) == Set(["science.xml", "science.atom", "science.json", "science.html"]).union(articles))
        for name in ["science.xml", "science.atom", "science.json", "science.html"] {
            #expect(!FileManager.default.fileExists(atPath: output + "/" + name))
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/articles"), "the emptied articles folder stays behind")
        #expect(FileManager.default.fileExists(atPath: output + "/robots.txt"))
        #expect(FileManager.default.fileExists(atPath: output + "/science.backup.xml"))
        #expect(FileManager.default.fileExists(atPath: output + "/tech.xml"))
        let manifest = String(decoding: try #require(FileManager.default.contents(atPath: output + "/.aggregate-manifest")), as: UTF8.self)
        #expect(!manifest.contains("science"))
        #expect(manifest.contains("tech.xml\n"))
    }

    @Test(arguments: ["../evil", "..", "a/../../b", "/etc", "Tech", "tech.xml", "", "café"])
    func slugThatCouldEscapeIsRefused(slug: String) throws {
        let parent = try TestPaths.temporaryDirectory("publish-slug")
        let output = parent.appendingPathComponent("out").path
        var input = Fixtures.input(output: output)
        input.categories.append(CategorySettings(slug: slug, title: "Bad", description: ""))
        input.itemsByCategory[slug] = [Fixtures.chips]
        #expect(throws: PublishError.self) { try Publisher.publish(input) }
        // Refused before anything is written, inside or outside the folder.
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }

    @Test func dotDotSlugNamesThePath() throws {
        var input = Fixtures.input(output: "/nonexistent")
        input.categories.append(CategorySettings(slug: "../evil", title: "Bad", description: ""))
        #expect(throws: PublishError.pathOutsideOutput(path: "../evil")) { try Publisher.publish(input) }
    }

    @Test(arguments: ["all", "index"])
    func reservedSlugIsRefused(slug: String) throws {
        var input = Fixtures.input(output: "/nonexistent")
        input.categories.append(CategorySettings(slug: slug, title: "Clash", description: ""))
        #expect(throws: PublishError.reservedSlug(slug)) { try Publisher.publish(input) }
    }

    @Test func duplicateSlugIsRefused() throws {
        var input = Fixtures.input(output: "/nonexistent")
        input.categories.append(CategorySettings(slug: "tech", title: "Again", description: ""))
        #expect(throws: PublishError.duplicateSlug("tech")) { try Publisher.publish(input) }
    }

    @Test func tamperedManifestNeverRemovesOutsideTheFolder() throws {
        let parent = try TestPaths.temporaryDirectory("publish-manifest")
        let output = parent.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let victim = parent.appendingPathComponent("victim.txt")
        try Data("keep".utf8).write(to: victim)
        try Data("../victim.txt\n/etc/hostname\nold.xml\n".utf8).write(to: URL(fileURLWithPath: output + "/.aggregate-manifest"))
        try Data("stale".utf8).write(to: URL(fileURLWithPath: output + "/old.xml"))
        let report = try Publisher.publish(Fixtures.input(output: output))
        #expect(report.removed == ["old.xml"])
        #expect(FileManager.default.fileExists(atPath: victim.path))
    }

    @Test func symlinkedSubfolderLeadingOutsideIsRefused() throws {
        let parent = try TestPaths.temporaryDirectory("publish-symlink")
        let output = parent.appendingPathComponent("out").path
        let elsewhere = parent.appendingPathComponent("elsewhere").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: output + "/articles", withDestinationPath: elsewhere)
        #expect(throws: PublishError.self) {
            try Publisher.publish(Fixtures.input(output: output, options: PublishOptions(articlePages: true)))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == [])
    }

    @Test func unwritableOutputFolderIsReported() throws {
        let parent = try TestPaths.temporaryDirectory("publish-unwritable")
        let file = parent.appendingPathComponent("not-a-folder")
        try Data().write(to: file)
        do {
            _ = try Publisher.publish(Fixtures.input(output: file.path + "/out"))
            Issue.record("publishing under a file succeeded")
        } catch {
            guard case .outputDirectoryUnusable(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == file.path + "/out")
            #expect(error.description.hasPrefix("publish: \(file.path)/out: cannot use the output folder"))
        }
    }

    @Test func relativeOutputFolderIsRefused() throws {
        #expect(throws: PublishError.self) { try Publisher.publish(Fixtures.input(output: "relative/out")) }
    }
}
