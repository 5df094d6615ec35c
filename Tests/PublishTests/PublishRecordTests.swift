import AggregateModel
@testable import AggregatePublish
import AggregateTestSupport
import Foundation
import Testing

/// A publish whose input digest is the recorded one renders nothing, unless what it wrote changed on disk.
@Suite struct PublishRecordTests {
    /// An input that renders differently from `Fixtures.input` (one item fewer): a skipped publish keeps
    /// the files of the first.
    private func otherInput(output: String) -> PublishInput {
        var input = Fixtures.input(output: output)
        input.itemsByCategory["tech"] = [Fixtures.chips]
        input.allItems = [Fixtures.chips]
        return input
    }

    private func memo(_ digest: String, _ output: String) -> PublishMemo {
        PublishMemo(inputDigest: digest, file: output + "-record")
    }

    private func contents(_ output: String, _ path: String) -> Data? {
        FileManager.default.contents(atPath: output + "/" + path)
    }

    @Test func sameDigestRendersNothing() throws {
        let output = try TestPaths.temporaryDirectory("publish-record-same").path
        let first = try Publisher.publish(Fixtures.input(output: output), memo: memo("one", output))
        #expect(!first.written.isEmpty)
        let techXML = contents(output, "tech.xml")
        // The digest says the input is the same: nothing is rendered, so the other items do not show.
        let second = try Publisher.publish(otherInput(output: output), memo: memo("one", output))
        #expect(second.written.isEmpty)
        #expect(Set(second.unchanged) == Set(first.written))
        #expect(contents(output, "tech.xml") == techXML)
        // Another digest: rendered again.
        let third = try Publisher.publish(otherInput(output: output), memo: memo("two", output))
        #expect(third.written.contains("tech.xml"))
        #expect(contents(output, "tech.xml") != techXML)
    }

    @Test func aDeletedOrEditedOutputIsWrittenAgain() throws {
        let output = try TestPaths.temporaryDirectory("publish-record-damaged").path
        _ = try Publisher.publish(Fixtures.input(output: output), memo: memo("one", output))
        let expected = contents(output, "tech.atom")

        try FileManager.default.removeItem(atPath: output + "/tech.atom")
        let afterDelete = try Publisher.publish(Fixtures.input(output: output), memo: memo("one", output))
        #expect(afterDelete.written == ["tech.atom"])
        #expect(contents(output, "tech.atom") == expected)

        // Same size, other bytes, other time.
        var edited = try #require(expected)
        edited[0] = UInt8(ascii: "X")
        try edited.write(to: URL(fileURLWithPath: output + "/tech.atom"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: output + "/tech.atom")
        let afterEdit = try Publisher.publish(Fixtures.input(output: output), memo: memo("one", output))
        #expect(afterEdit.written == ["tech.atom"])
        #expect(contents(output, "tech.atom") == expected)
    }

    @Test func aThemeFileAddedRendersAgain() throws {
        let output = try TestPaths.temporaryDirectory("publish-record-theme").path
        let theme = try TestPaths.temporaryDirectory("publish-record-theme-folder").path
        let options = PublishOptions(themeDirectory: theme)
        var input = Fixtures.input(output: output, options: options)
        _ = try Publisher.publish(input, memo: memo("one", output))
        try Data("logo".utf8).write(to: URL(fileURLWithPath: theme + "/logo.svg"))
        input.options = options
        let again = try Publisher.publish(input, memo: memo("one", output))
        #expect(again.written == ["logo.svg"])
        #expect(contents(output, "logo.svg") == Data("logo".utf8))
    }

    @Test func aFailedPublishForgetsTheRecord() throws {
        let output = try TestPaths.temporaryDirectory("publish-record-none").path
        _ = try Publisher.publish(Fixtures.input(output: output), memo: memo("one", output))
        #expect(FileManager.default.fileExists(atPath: output + "-record"))
        // A publish with another digest removes the record before writing anything.
        try? FileManager.default.removeItem(atPath: output + "/tech.xml")
        try FileManager.default.createDirectory(atPath: output + "/tech.xml/inside", withIntermediateDirectories: true)
        #expect(throws: PublishError.self) { try Publisher.publish(otherInput(output: output), memo: memo("two", output)) }
        #expect(!FileManager.default.fileExists(atPath: output + "-record"))
        try FileManager.default.removeItem(atPath: output + "/tech.xml")
        // So the old digest no longer vouches for the files: they are rendered from the input.
        let again = try Publisher.publish(Fixtures.input(output: output), memo: memo("one", output))
        #expect(again.written.contains("tech.xml"))
    }

    @Test func recordsRoundTripAndRefuseUnsafePaths() {
        let record = PublishRecord(digest: "abc", stamps: ["tech.xml": .init(size: 10, modified: 20), "articles/a-1.html": .init(size: 1, modified: 2)])
        #expect(PublishRecord.decode(record.encode()) == record)
        #expect(PublishRecord.decode(Data("digest abc\n1 2 ../../etc/passwd\n".utf8)) == nil)
        #expect(PublishRecord.decode(Data("1 2 tech.xml\n".utf8)) == nil)
        #expect(PublishRecord.decode(nil) == nil)
    }
}
