import Foundation
import Synchronization
import Git
import PlumbTesting
import Testing

/// Blobs read from many threads at once through a reader are the blobs git stores.
@Suite struct BlobReaderTests {
    @Test func manyThreads_readEveryBlobCorrectly() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        for index in 0..<200 { try git.write("files/f\(index).txt", String(repeating: "line \(index)\n", count: index + 1)) }
        let head = try ObjectID.cli(git.commit("files"))
        let repository = try scratch.open()
        let entries = try repository.snapshot(of: head).entries
        let expected = try entries.map { try repository.blob($0.id) }
        let reader = BlobReader(repository, maxHandles: 4)
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for (position, entry) in entries.enumerated() where position % 2 == worker % 2 {
                let bytes = (try? reader.withBlob(entry.id) { Array($0) }) ?? []
                if bytes != expected[position] { mismatches.withLock { $0 += 1 } }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
        let absent = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        #expect(throws: GitError.self) { try reader.withBlob(absent) { _ in 0 } }
    }
}
