extension YAMLNode: Decodable {
    /// Receives the node itself from `YAMLDecoder`; from other decoders, builds an equivalent
    /// tree (without positions: marks are 0:0 and the file name is empty).
    public init(from decoder: any Decoder) throws {
        if let nodeDecoder = decoder as? NodeDecoder {
            self = nodeDecoder.node
            return
        }
        let none = Mark(line: 0, column: 0)
        if let keyed = try? decoder.container(keyedBy: NameKey.self) {
            var pairs: [Pair] = []
            for key in keyed.allKeys {
                pairs.append(Pair(key: YAMLNode(scalar: key.stringValue, style: .doubleQuoted, mark: none, file: ""),
                                  value: try keyed.decode(YAMLNode.self, forKey: key)))
            }
            self.init(.mapping(pairs), mark: none, file: "")
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [YAMLNode] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(YAMLNode.self)) }
            self.init(.sequence(items), mark: none, file: "")
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self.init(scalar: "null", mark: none, file: "")
            } else if let bool = try? single.decode(Bool.self) {
                self.init(scalar: bool ? "true" : "false", mark: none, file: "")
            } else if let int = try? single.decode(Int.self) {
                self.init(scalar: String(int), mark: none, file: "")
            } else if let double = try? single.decode(Double.self) {
                self.init(scalar: double.isFinite ? "\(double)" : (double.isNaN ? ".nan" : (double < 0 ? "-.inf" : ".inf")), mark: none, file: "")
            } else {
                self.init(scalar: try single.decode(String.self), style: .doubleQuoted, mark: none, file: "")
            }
        }
    }
}
