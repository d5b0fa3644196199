import YAML

/// JSON Merge Patch (RFC 7386) on YAML node trees, keeping the positions of every node so that a
/// problem in a patched value points at the line that wrote it (the manifest or the environment).
enum MergePatch {
    /// `target` with `patch` merged in: a mapping patch merges key by key (a null value removes
    /// the key), anything else replaces the target.
    static func apply(_ patch: YAMLNode, to target: YAMLNode) -> YAMLNode {
        guard let patchPairs = patch.mapping else { return patch }
        var pairs = target.mapping ?? []
        var result = target.mapping != nil ? target : YAMLNode(.mapping([]), mark: patch.mark, file: patch.file)
        for patchPair in patchPairs {
            let key = patchPair.key.text
            let index = pairs.firstIndex { $0.key.text == key && $0.key.scalar != nil }
            if patchPair.value.isNull {
                if let index { pairs.remove(at: index) }
            } else if let index {
                pairs[index].value = apply(patchPair.value, to: pairs[index].value)
            } else {
                let empty = YAMLNode(scalar: "", mark: patchPair.value.mark, file: patchPair.value.file)
                pairs.append(YAMLNode.Pair(key: patchPair.key, value: apply(patchPair.value, to: empty)))
            }
        }
        result.content = .mapping(pairs)
        return result
    }
}
