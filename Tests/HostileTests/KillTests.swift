import AggregateStore
import AggregateTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `aggregate run` killed with SIGKILL at random (seeded) moments: after each kill the outputs that exist
/// are complete and valid and the store is sound; a run to completion then gives the same outputs as a
/// run that was never interrupted.
@Suite struct KillTests {
    /// The shipped feeds.conf and seeds, plus bulk feeds so that fetch, merge and publish all take a while.
    static func makeWorkspace(_ name: String) throws -> Workspace {
        let workspace = try Workspace(name)
        let manager = FileManager.default
        try manager.copyItem(at: TestPaths.seeds, to: workspace.folder.appendingPathComponent("seeds"))
        var config = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("feeds.conf"), encoding: .utf8)
        config = config.replacingOccurrences(of: "items_per_feed = 50", with: "items_per_feed = 100\narticle_pages = yes")
        for bulk in 1...3 {
            var items = ""
            for n in 0..<150 {
                // Distinct words per title keep the near-duplicate search small (see report: one shared word
                // across thousands of items makes it quadratic).
                let hour = n % 24, day = 1 + (n / 24) % 28
                items += """
                    <item><title>Bulletin b\(bulk)n\(n) w\(n * 7 + bulk) k\(n * 13 + bulk)</title>\
                    <link>https://bulk\(bulk).example.com/\(n)</link><guid>bulk\(bulk)-\(n)</guid>\
                    <pubDate>\(String(format: "%02d", day)) Oct 2026 \(String(format: "%02d", hour)):00:00 +0000</pubDate>\
                    <description>&lt;p&gt;Body \(n) of bulk \(bulk).&lt;/p&gt;</description></item>

                    """
            }
            try workspace.write(Array(FeedText.rss(title: "Bulk \(bulk)", link: "https://bulk\(bulk).example.com/", items: items).utf8), to: "seeds/bulk\(bulk).xml")
            config += "\nseeds/bulk\(bulk).xml  name=\"Bulk \(bulk)\"  categories=business,tech  feed_url=https://bulk\(bulk).example.com/feed.xml\n"
        }
        try config.write(toFile: workspace.configPath, atomically: false, encoding: .utf8)
        return workspace
    }

    static func storeProblem(_ workspace: Workspace) throws -> String? {
        guard FileManager.default.fileExists(atPath: workspace.storePath) else { return nil }
        return try Store(path: workspace.storePath).integrityProblem()
    }

    @Test func killedRunsLeaveValidOutputsAndASoundStoreAndTheNextRunFinishesTheWork() throws {
        let reference = try Self.makeWorkspace("kill-reference")
        defer { reference.remove() }
        let uninterrupted = try reference.run()
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")
        let expected = try reference.outputFiles()
        #expect(expected.count > 40)

        let workspace = try Self.makeWorkspace("kill")
        defer { workspace.remove() }
        var random = SplitMix64(seed: 20261129)
        let binary = try TestPaths.aggregateBinary()
        // Kills land anywhere in a run: the window is the length of the last run that was not killed
        // (a whole fetch-merge-publish at first, then runs with less to do).
        var span = max(uninterrupted.seconds, 0.2)
        var kills = 0
        var hadCompleteOutputs = false
        for attempt in 0..<12 {
            let delay = Double.random(in: 0...span, using: &random)
            let child = try ChildProcess(binary, ["run", "--config", workspace.configPath] + (attempt % 3 == 2 ? ["--force"] : []))
            usleep(useconds_t(delay * 1_000_000))
            kill(child.pid, SIGKILL)
            let end = child.wait()
            if end.signal == SIGKILL { kills += 1 } else { span = max(end.seconds, 0.05) }

            let problems = try FileManager.default.fileExists(atPath: workspace.output.path) ? OutputValidation.problems(in: workspace.output) : []
            #expect(problems.isEmpty, "attempt \(attempt), killed after \(delay) s: \(problems.prefix(10))")
            #expect(try Self.storeProblem(workspace) == nil, "attempt \(attempt)")
            // Once a run completed its publish, every output stays in place whatever later runs go through.
            let files = try workspace.outputFiles().keys.filter { !$0.contains(".tmp-") }
            if hadCompleteOutputs {
                let missing = Set(expected.keys).subtracting(files)
                #expect(missing.isEmpty, "attempt \(attempt): missing \(missing.sorted().prefix(5))")
            }
            if Set(files).isSuperset(of: expected.keys) { hadCompleteOutputs = true }
        }
        #expect(kills >= 6)

        let final = try workspace.run()
        #expect(final.status == 0, "\(final.standardError)")
        #expect(try Self.storeProblem(workspace) == nil)
        let outputs = try workspace.outputFiles()
        #expect(Set(outputs.keys) == Set(expected.keys), "\(Set(outputs.keys).symmetricDifference(expected.keys).sorted().prefix(10))")
        let different = expected.keys.filter { outputs[$0] != expected[$0] }.sorted()
        #expect(different.isEmpty, "differ from the uninterrupted run: \(different.prefix(10))")
        print("kill test: \(kills) kills over a run of \(String(format: "%.2f", uninterrupted.seconds)) s")
    }
}
