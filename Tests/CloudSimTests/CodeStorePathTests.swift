import Foundation
import Testing
@testable import CloudSim

@Suite struct CodeStorePathTests {
    @Test func codeStore_givenRelativeStateFolder_usesAbsoluteCodeFolders() {
        // Workers run with their code folder as working directory and import path: a relative
        // folder would point nowhere once the worker has changed directory.
        let store = CodeStore(root: "state/sim/code")
        let folder = store.directory(for: "abc")
        #expect(folder.hasPrefix("/"))
        #expect(folder == FileManager.default.currentDirectoryPath + "/state/sim/code/abc")
        #expect(CodeStore(root: "/var/x").directory(for: "abc") == "/var/x/abc")
    }
}
