import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// A loader told to write its parse cache in the background writes the same file, and a caller
/// that waits for it finds it whole.
struct BackgroundSaveTests {
    @Test func backgroundSave_writesTheSameCacheAsAForegroundOne() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let foreground = directory.appending("foreground")
        let background = directory.appending("background")
        _ = try DesiredStateLoader(cacheFolder: foreground).load(repository: repository)

        let loader = DesiredStateLoader(cacheFolder: background)
        loader.cache.savesInBackground = true
        let loaded = try loader.load(repository: repository)
        let group = DispatchGroup()
        loader.cache.addSaves(to: group)
        group.wait()
        let written = try #require(FileManager.default.contents(atPath: background + "/desired-state.bin"))
        #expect(written == FileManager.default.contents(atPath: foreground + "/desired-state.bin"))

        let reader = DesiredStateLoader(cacheFolder: background)
        DiskCacheTests.expectSame(try reader.load(repository: repository), loaded, "read back")
        #expect(reader.cache.statistics.fromDisk > 0)
    }
}
