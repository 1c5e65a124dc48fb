import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

@Suite("Localized manifest texts")
struct ManifestLocalizedTextTests {
    @Test func eachFormIsKeptAndAMissingArabicFormIsAWarning() throws {
        let manifest = """
            isogap: 1
            kind: workspace
            organization: {en: Acme, ar: أكمي}
            site: Head office
            scope: {en: Complaints, ar: الشكاوى}
            assessment_date: 2026-01-01
            assessors: [{name: Sara, role: {en: lead assessor, ar: رئيسة فريق التقييم}}, {name: Ali, role: auditor}]
            target_level: 3
            checklists: [iso-10002-2018]
            """
        let loaded = ManifestLoader.load(Array(manifest.utf8), file: "isogap.yaml")
        #expect(
            loaded.diagnostics.sortedByLocation().map(\.description) == [
                "isogap.yaml:4:7: warning: no 'ar' translation; the English text will be used",
                "isogap.yaml:7:96: warning: no 'ar' translation; the English text will be used",
            ])
        let value = try #require(loaded.value)
        #expect(value.organization == "Acme" && value.assessors.map(\.role) == ["lead assessor", "auditor"])
        let arabic = value.localized(.ar)
        #expect(arabic.organization == "أكمي" && arabic.site == "Head office" && arabic.scope == "الشكاوى")
        #expect(arabic.assessors.map(\.role) == ["رئيسة فريق التقييم", "auditor"])
        #expect(arabic.localized(.en).organization == "Acme")
    }

    @Test func plainEnglishTextNeedsNoArabicUnlessTheReportLanguageIsArabic() {
        let manifest = """
            isogap: 1
            kind: workspace
            organization: Acme
            scope: Complaints
            language: LANG
            assessment_date: 2026-01-01
            target_level: 3
            checklists: [iso-10002-2018]
            """
        let english = ManifestLoader.load(Array(manifest.replacingOccurrences(of: "LANG", with: "en").utf8), file: "m")
        #expect(english.diagnostics.isEmpty)
        let arabic = ManifestLoader.load(Array(manifest.replacingOccurrences(of: "LANG", with: "ar").utf8), file: "m")
        #expect(arabic.diagnostics.map(\.location?.line) == [3, 4])
    }

    @Test(arguments: [
        ("ar", "شركة النور للتجزئة", "المكتب الرئيسي في الرياض"), ("en", "Al Noor Retail Co.", "Riyadh head office"),
    ])
    func reportsUseTheReportLanguage(language: String, organization: String, site: String) throws {
        let result = try Command.run(["report", "examples/alnoor-retail", "--format", "json", "--lang", language])
        #expect(result.status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["organization"] as? String == organization)
        #expect(json["site"] as? String == site)
        let plan = try Command.run(["plan", "examples/alnoor-retail", "--format", "md", "--lang", language])
        #expect(plan.status == 0 && plan.stdout.contains(organization))
    }
}
