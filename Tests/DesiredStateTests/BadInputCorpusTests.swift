import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// Every broken input of the corpus is reported with the right rule, place and message, from a
/// commit and from a working tree alike, and none crashes or hangs the loader.
struct BadInputCorpusTests {
    static let corpus = YAMLCorpus.cases + SchemaCorpus.cases + ReferenceCorpus.cases + ASLCorpus.cases + IAMCorpus.cases

    @Test func corpus_holdsAtLeastFortyCases() {
        #expect(Self.corpus.count >= 40)
        #expect(Set(Self.corpus.map(\.name)).count == Self.corpus.count, "case names are unique")
    }

    @Test(arguments: corpus)
    func brokenInput_isReportedAtItsPlace(_ corpusCase: CorpusCase) throws {
        let directory = try TemporaryDirectory()
        let fixture = try corpusCase.content.commit(in: directory)
        let result = try loadBoth(fixture, environment: corpusCase.environment)
        let expected = corpusCase.expected
        #expect(result.diagnostics.contains(where: expected.matches),
                "expected \(expected.code) at \(expected.file):\(expected.line)\(expected.column.map { ":\($0)" } ?? "") containing '\(expected.message)'; got:\n\(result.diagnostics.map { "[\($0.code)] \($0) hint: \($0.hint)" }.joined(separator: "\n"))")
        if expected.severity == .error {
            #expect(result.hasErrors)
            #expect(throws: ValidationFailure.self) { try result.validState() }
        }
    }

    @Test func baseline_isValid() throws {
        let directory = try TemporaryDirectory()
        let result = try loadBoth(try RepositoryContent().commit(in: directory))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRendering.text(result.diagnostics))")
    }
}
