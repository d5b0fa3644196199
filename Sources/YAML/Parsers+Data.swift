#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension YAMLParser {
    /// Parses every document of a YAML stream held in `data`.
    public static func parse(_ data: Data, file: String, options: Options = Options()) throws -> [YAMLDocument] {
        try data.withUnsafeBytes { try parse(buffer: $0, file: file, options: options) }
    }

    /// Parses `data` as JSON when `file` ends in `.json`, as YAML otherwise.
    public static func parseFile(_ data: Data, file: String, options: Options = Options()) throws -> [YAMLDocument] {
        try data.withUnsafeBytes { try parseFile(buffer: $0, file: file, options: options) }
    }

    /// Parses a stream held in `data` that must hold exactly one document.
    public static func parseSingle(_ data: Data, file: String, options: Options = Options()) throws -> YAMLNode {
        try parseSingle(Array(data), file: file, options: options)
    }
}

extension JSONParser {
    /// Parses the JSON text in `data`.
    public static func parse(_ data: Data, file: String, options: Options = Options()) throws -> YAMLNode {
        try data.withUnsafeBytes { try parse(buffer: $0, file: file, options: options) }
    }
}
