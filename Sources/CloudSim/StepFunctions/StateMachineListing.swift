import Cloud
import Foundation
import GRDB

/// ListStateMachines' store query: the columns of every state machine of a region read by
/// position, each distinct logging configuration decoded once (a region's machines share a
/// few), instead of decoding every row as a record (one JSON decode per row).
enum StateMachineListing {
    /// Every state machine in `scope`, by name, as DescribeStateMachine shows it.
    static func all(_ db: Database, scope: CloudScope) throws -> [StateMachine] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT name, type, definition, roleArn, loggingConfiguration, tracingEnabled, revisionId, creationDate, updateDate, lastVersion
            FROM stateMachine WHERE account = ? AND region = ? ORDER BY name
            """, arguments: [scope.account, scope.region])
        var logging: [String: LoggingConfiguration] = [:]
        var result: [StateMachine] = []
        while let row = try rows.next() {
            let loggingText: String = row[4]
            let configuration: LoggingConfiguration
            if let known = logging[loggingText] {
                configuration = known
            } else {
                configuration = try JSONDecoder().decode(LoggingConfiguration.self, from: Data(loggingText.utf8))
                logging[loggingText] = configuration
            }
            let record = StateMachineRecord(
                id: nil, account: scope.account, region: scope.region, name: row[0], type: row[1], definition: row[2], roleArn: row[3],
                loggingConfiguration: configuration, tracingEnabled: row[5], revisionId: row[6], creationDate: row[7],
                updateDate: row[8], lastVersion: row[9])
            result.append(record.view(scope))
        }
        return result
    }
}
