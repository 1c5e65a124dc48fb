public import Foundation
internal import ZIPFoundation

/// An Office Open XML package (the zip container of .xlsx and .docx files), written so that the
/// same parts give the same bytes: `[Content_Types].xml` first, then the parts in the order they
/// were added, every entry with the same fixed time stamp (1980-01-01 00:00, the earliest a zip
/// can hold) and deflated.
public struct OOXMLPackage: Sendable {
    /// A part: its name inside the package (no leading `/`), content type and bytes.
    private struct Part: Sendable {
        var name: String
        var contentType: String?
        var bytes: [UInt8]
    }

    private var parts: [Part] = []

    public init() {}

    /// Adds a part. `name` is relative to the package root (`xl/workbook.xml`); `contentType` is
    /// written as an override in `[Content_Types].xml`, or nil for a relationships part (whose type
    /// is the default for `.rels`).
    public mutating func add(_ name: String, contentType: String?, bytes: [UInt8]) {
        precondition(!name.hasPrefix("/") && !parts.contains { $0.name == name }, "bad or repeated part \(name)")
        parts.append(Part(name: name, contentType: contentType, bytes: bytes))
    }

    /// Adds a part written with ``XMLWriter``.
    public mutating func add(_ name: String, contentType: String?, xml: XMLWriter) {
        add(name, contentType: contentType, bytes: xml.data)
    }

    /// Adds the Dublin Core properties part, `docProps/core.xml`, with isogap as the creator. The
    /// package's root relationships must point to it (``Relationship/coreProperties``).
    public mutating func addCoreProperties(title: String, subject: String? = nil, language: String? = nil) {
        var xml = XMLWriter()
        xml.open(
            "cp:coreProperties",
            [
                "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
                "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            ])
        xml.element("dc:title", text: title)
        if let subject { xml.element("dc:subject", text: subject) }
        xml.element("dc:creator", text: "isogap")
        if let language { xml.element("dc:language", text: language) }
        xml.close()
        add("docProps/core.xml", contentType: "application/vnd.openxmlformats-package.core-properties+xml", xml: xml)
    }

    /// Adds a relationships part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`, ...).
    public mutating func addRelationships(_ name: String, _ relationships: [Relationship]) {
        var xml = XMLWriter()
        xml.open("Relationships", ["xmlns": "http://schemas.openxmlformats.org/package/2006/relationships"])
        for relationship in relationships {
            var attributes = [("Id", relationship.id), ("Type", relationship.type), ("Target", relationship.target)]
            if relationship.external { attributes.append(("TargetMode", "External")) }
            xml.element("Relationship", attributes: attributes)
        }
        xml.close()
        add(name, contentType: nil, xml: xml)
    }

    /// One relationship of a relationships part.
    public struct Relationship: Sendable {
        public var id: String
        public var type: String
        public var target: String
        public var external: Bool

        /// `type` is a full relationship type URI (see the constants below).
        public init(id: String, type: String, target: String, external: Bool = false) {
            self.id = id
            self.type = type
            self.target = target
            self.external = external
        }

        /// Relationship type URIs used by both formats.
        public static let officeDocument =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        public static let coreProperties =
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        public static let extendedProperties =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
        public static let styles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
        /// The prefix of every other office-document relationship type (`worksheet`, `footer`, ...).
        public static let officeDocumentPrefix = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    }

    /// The `[Content_Types].xml` part for the parts added so far.
    private var contentTypes: [UInt8] {
        var xml = XMLWriter()
        xml.open("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"])
        xml.element(
            "Default",
            ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
        xml.element("Default", ["Extension": "xml", "ContentType": "application/xml"])
        for part in parts {
            guard let type = part.contentType else { continue }
            xml.element("Override", ["PartName": "/" + part.name, "ContentType": type])
        }
        xml.close()
        return xml.data
    }

    /// The zip file: the same parts in the same order always give the same bytes.
    public func zipped() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        // 1980-01-01 00:00:00 UTC, written through gmtime, so the time zone does not matter.
        let stamp = Date(timeIntervalSince1970: 315_532_800)
        for (name, bytes) in [("[Content_Types].xml", contentTypes)] + parts.map({ ($0.name, $0.bytes) }) {
            let data = Data(bytes)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else {
            throw PackageError(description: "the zip container could not be written")
        }
        return data
    }

    /// Why a package could not be written.
    public struct PackageError: Error, CustomStringConvertible {
        public var description: String
    }
}
