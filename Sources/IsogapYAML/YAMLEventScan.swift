internal import CLibYAML

/// libyaml's event parser run over a document and nothing else: the floor for anything that reads
/// YAML with libyaml. Speed guards and benchmarks compare the loaders with it.
public enum YAMLEventScan {
    /// The number of events libyaml reports for `bytes`, or `nil` when it stops with an error.
    public static func count(_ bytes: [UInt8]) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            var events = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                events += 1
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { return events }
            }
        }
    }
}
