extension DefinitionReader {
    mutating func readMap(_ object: JSONObject, at location: String) -> StateKind? {
        var itemsPath: JSONPath?
        if let text = string(object, "ItemsPath", at: location) { itemsPath = path(text, at: "\(location)/ItemsPath") }
        if object["ItemSelector"] != nil && object["Parameters"] != nil {
            report(location, "ItemSelector and Parameters cannot both be set; use ItemSelector")
        }
        let itemSelector = template(object, "ItemSelector", at: location) ?? template(object, "Parameters", at: location)
        for key in ["ItemReader", "ResultWriter"] where object[key] != nil {
            report("\(location)/\(key)", "\(key) (Distributed Map reading or writing S3) is not supported by plumb's interpreter", code: "UNSUPPORTED_FEATURE")
        }
        if let label = object["Label"], label.stringValue == nil { report("\(location)/Label", "Label must be a string") }
        let processorKey: String
        switch (object["ItemProcessor"], object["Iterator"]) {
        case (.some, .some):
            report(location, "ItemProcessor and Iterator cannot both be set; use ItemProcessor")
            return nil
        case (nil, nil):
            report(location, "These fields are required: [ItemProcessor]")
            return nil
        case (.some, nil): processorKey = "ItemProcessor"
        case (nil, .some): processorKey = "Iterator"
        }
        guard case .object(let processorObject)? = object[processorKey] else {
            report("\(location)/\(processorKey)", "\(processorKey) must be a JSON object")
            return nil
        }
        if processorKey == "ItemProcessor", let config = processorObject["ProcessorConfig"] {
            readProcessorConfig(config, at: "\(location)/ItemProcessor/ProcessorConfig")
        }
        let extra: Set<String> = processorKey == "ItemProcessor" ? ["Comment", "ProcessorConfig"] : ["Comment"]
        let processor = readGraph(processorObject, at: "\(location)/\(processorKey)", extraFields: extra)
        let (batchMaxItems, batchInput) = readBatcher(object, at: location)
        guard let processor else { return nil }
        return .map(MapSpec(
            itemsPath: itemsPath, itemSelector: itemSelector, processor: processor,
            maxConcurrency: integerSource(object, "MaxConcurrency", at: location, range: 0...99_999_999),
            toleratedFailureCount: integerSource(object, "ToleratedFailureCount", at: location, range: 0...99_999_999),
            toleratedFailurePercentage: integerSource(object, "ToleratedFailurePercentage", at: location, range: 0...100),
            batchMaxItems: batchMaxItems, batchInput: batchInput))
    }

    mutating func readProcessorConfig(_ value: JSONValue, at location: String) {
        guard case .object(let config) = value else {
            report(location, "ProcessorConfig must be a JSON object")
            return
        }
        checkFields(config, allowed: ["Mode", "ExecutionType"], at: location)
        if let mode = string(config, "Mode", at: location), mode != "INLINE", mode != "DISTRIBUTED" {
            report("\(location)/Mode", "Mode must be INLINE or DISTRIBUTED")
        }
        if let type = string(config, "ExecutionType", at: location), type != "STANDARD", type != "EXPRESS" {
            report("\(location)/ExecutionType", "ExecutionType must be STANDARD or EXPRESS")
        }
    }

    mutating func readBatcher(_ object: JSONObject, at location: String) -> (Int?, PayloadTemplate?) {
        guard let value = object["ItemBatcher"] else { return (nil, nil) }
        let batcherLocation = "\(location)/ItemBatcher"
        guard case .object(let batcher) = value else {
            report(batcherLocation, "ItemBatcher must be a JSON object")
            return (nil, nil)
        }
        checkFields(batcher, allowed: ["MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"], at: batcherLocation)
        let maxItems = integer(batcher, "MaxItemsPerBatch", at: batcherLocation, range: 1...99_999_999)
        _ = integer(batcher, "MaxInputBytesPerBatch", at: batcherLocation, range: 1...262_144)
        return (maxItems ?? Int.max, template(batcher, "BatchInput", at: batcherLocation))
    }
}
