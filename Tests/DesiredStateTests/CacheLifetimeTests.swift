import DesiredState
import Git
import PlumbTesting
import Testing

/// A loader's cache, with everything it parsed, is freed once the loader is gone (the last
/// commit load it keeps refers back to it without owning it).
struct CacheLifetimeTests {
    @Test func droppedLoader_freesItsCache() throws {
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let repository = try Repository.open(path: fixture.path)
        weak var cache: DesiredStateCache?
        var result: LoadResult?
        do {
            let loader = DesiredStateLoader()
            cache = loader.cache
            result = try loader.load(repository: repository)
            _ = try loader.load(repository: repository)
        }
        #expect(cache == nil)
        #expect(result?.state.functions.isEmpty == false, "the result outlives the loader")
    }
}
