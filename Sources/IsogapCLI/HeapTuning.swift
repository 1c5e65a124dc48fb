import CHeapTuning

/// Settings of the C heap for commands that load many documents in a row.
enum HeapTuning {
    /// Keeps freed memory in the process instead of handing it back to the kernel at once.
    ///
    /// glibc returns the free top of a heap to the kernel once it passes 128 KiB, and loading a
    /// workspace frees several blocks of that size (a tree's node and text arrays), so a portfolio
    /// run gave memory back and took it again for every file: a page fault for every page taken
    /// back and, with several threads, a flush of the other core's address cache for every return.
    /// With a high threshold the same pages are reused; the peak stays what the largest workspace
    /// needs. Other C libraries are left as they are, and so is mimalloc, which serves the heap of
    /// the isogap executable on Linux (`Sources/CMimalloc`): these settings then only reach
    /// glibc's own heap, which holds nothing; they matter where the library runs on glibc's heap
    /// (the tests, or another program built on `IsogapCLI`).
    static func keepFreedMemory() {
        #if os(Linux) && canImport(Glibc)
            _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
            // Blocks below 32 MiB come from the heap, not from a mapping of their own made and
            // unmade for each file (setting the trim threshold stops glibc's own adjustment).
            _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        #endif
    }
}
