internal import IsogapYAML

/// Limits of the files isogap reads, for the layers above that never see the YAML layer.
public enum DocumentLimits {
    /// The largest file, in bytes, that isogap reads as one document (a checklist, a workspace
    /// file, a template): larger files are refused with a located error.
    public static let maxFileSize = YAMLLimits.standard.maxFileSize
}
