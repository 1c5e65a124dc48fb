import IsogapRendering
import Testing

/// The checks made on Mustache templates before they are parsed (see `TemplateCheck`).
@Suite("Template checks")
struct TemplateCheckTests {
    private func failure(_ text: String) -> String? {
        do {
            _ = try TemplateLibrary(files: [(path: "t.mustache", text: text)])
            return nil
        } catch {
            return error.description
        }
    }

    /// Found by the fuzzer: a delimiter change whose new closing delimiter is longer than the old
    /// one made the scan step past the end of the text (a crash).
    @Test func delimiterChangeAtTheEndDoesNotCrash() {
        let bytes: [UInt8] =
            Array("{{=<% %>actions.yaml=}}<".utf8) + [0xFB] + Array("%>h".utf8) + [0]
            + Array("b%>\n".utf8)
        _ = failure(String(decoding: bytes, as: UTF8.self))
        _ = failure("{{=<% %%%%%%%%>=}}")
        _ = failure("{{=a b=}}a")
    }

    @Test func deepSectionsAreRefusedBeforeParsing() {
        let deep = String(repeating: "{{#a}}", count: 65) + String(repeating: "{{/a}}", count: 65)
        #expect(failure(deep) == "t.mustache:1:385: error: sections are nested deeper than the limit of 64 levels")
        let allowed = String(repeating: "{{#a}}", count: 64) + String(repeating: "{{/a}}", count: 64)
        #expect(failure(allowed) == nil)
    }

    @Test func partialsThatIncludeThemselvesAreRefused() {
        #expect(failure("{{>t}}") == "t.mustache:1:1: error: the partial 't' includes itself (t → t)")
        #expect(failure("{{=<% %>=}}x<%> t %>") == "t.mustache:1:13: error: the partial 't' includes itself (t → t)")
        #expect(failure("{{>other}}") == nil, "a partial that does not exist is not a cycle")
    }
}
