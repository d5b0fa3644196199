import Git
import PlumbTesting
import Testing

@Suite struct ConcurrencyTests {
    @Test func sharedRepository_usedFromManyTasks_givesTheSameAnswers() async throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        for index in 0..<40 {
            try git.write("team-\(index % 4)/fn-\(index).yaml", "name: fn-\(index)\n")
        }
        let first = try ObjectID.cli(git.commit("first"))
        try git.write("team-1/fn-1.yaml", "name: fn-1\nmemory: 256\n")
        let second = try ObjectID.cli(git.commit("second"))
        let repo = try scratch.open()

        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let snapshot = try repo.snapshot(of: repo.resolve("HEAD"))
                    var lines: [String] = []
                    try snapshot.forEachFile { entry, bytes in
                        lines.append("\(entry.path)=\(bytes.count)")
                    }
                    lines += try repo.changedPaths(from: first, to: second).map(\.description)
                    lines.append(try repo.commit(second).summary)
                    return lines
                }
            }
            var all: [[String]] = []
            for try await lines in group { all.append(lines) }
            return all
        }
        #expect(results.count == 16)
        #expect(Set(results.map { $0.joined(separator: ",") }).count == 1, "every task saw the same content")
        #expect(results.first?.suffix(2) == ["M team-1/fn-1.yaml", "second"])
    }
}
