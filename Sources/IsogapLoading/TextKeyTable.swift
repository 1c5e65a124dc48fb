internal import IsogapDiagnostics

/// Cell texts numbered in the order they are first seen: the ids and names of a complaint log.
///
/// A million ids in a `[String: Int]` cost more than reading the file: a `String` per cell, a
/// hash of it per lookup and every key hashed again each time the dictionary grows. This table
/// hashes the cell's bytes where they lie, keeps short keys and their hashes in the slots (one
/// cache line read per lookup; growing re-hashes nothing) and makes no `String`. The hash is the
/// standard library's seeded `Hasher`, so a file crafted to collide cannot make it slow.
///
/// Two byte strings are equal as `String`s exactly when their bytes are equal only while both
/// are ASCII (`String` compares canonical equivalents, and a few non-ASCII characters are
/// equivalent to ASCII ones). So the first key that is not ASCII moves the table to a
/// `[String: Int]` holding every key, and it answers as that dictionary would from then on.
struct TextKeyTable {
    /// One key in the open-addressing table. A key of up to 16 bytes is held in the slot itself,
    /// so finding it reads one cache line; a longer one lies in `storage`.
    private struct Slot {
        var hash = 0
        /// The key's number, -1 for an empty slot.
        var number: Int32 = -1
        var length: Int32 = 0
        /// The key's bytes, or for a longer key its offset in `storage` (in `first`).
        var first: UInt64 = 0
        var second: UInt64 = 0
    }

    /// Slots, a power of two in number, at most half of them used.
    private var slots = [Slot](repeating: Slot(), count: 64)
    /// The bytes of keys longer than 16 bytes, one after the other.
    private var storage: [UInt8] = []
    /// Every key by its text, once a key was not ASCII.
    private var texts: [String: Int]?
    /// Keys numbered so far.
    private(set) var count = 0

    /// The number of the text whose UTF-8 bytes are `key`, and whether it was added by this call.
    mutating func number(of key: UnsafeBufferPointer<UInt8>) -> (number: Int, added: Bool) {
        if texts == nil, ASCII.isASCII(key) { return asciiNumber(of: key) }
        return textNumber(of: String(decoding: key, as: UTF8.self))
    }

    private mutating func asciiNumber(of key: UnsafeBufferPointer<UInt8>) -> (number: Int, added: Bool) {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        let hash = hasher.finalize()
        let packed = ASCII.Packed(key)
        let inline = packed != nil
        var first = packed?.low ?? 0, second = packed?.high ?? 0
        let mask = slots.count - 1
        var index = hash & mask
        while slots[index].number >= 0 {
            let slot = slots[index]
            if slot.hash == hash, Int(slot.length) == key.count {
                if inline {
                    if slot.first == first, slot.second == second { return (Int(slot.number), false) }
                } else if storedKey(at: Int(slot.first), equals: key) {
                    return (Int(slot.number), false)
                }
            }
            index = (index + 1) & mask
        }
        if !inline {
            first = UInt64(storage.count)
            storage.append(contentsOf: key)
        }
        let number = count
        slots[index] = Slot(hash: hash, number: Int32(number), length: Int32(key.count), first: first, second: second)
        count += 1
        if count * 2 > slots.count { grow() }
        return (number, true)
    }

    private func storedKey(at offset: Int, equals key: UnsafeBufferPointer<UInt8>) -> Bool {
        storage.withUnsafeBufferPointer { stored in
            var index = 0
            while index < key.count {
                if stored[offset + index] != key[index] { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var larger = [Slot](repeating: Slot(), count: slots.count * 2)
        let mask = larger.count - 1
        for slot in slots where slot.number >= 0 {
            var index = slot.hash & mask
            while larger[index].number >= 0 { index = (index + 1) & mask }
            larger[index] = slot
        }
        slots = larger
    }

    /// The bytes of a key in the table.
    private func bytes(of slot: Slot) -> [UInt8] {
        let length = Int(slot.length)
        guard length <= 16 else { return Array(storage[Int(slot.first)..<Int(slot.first) + length]) }
        return (0..<length).map { index in
            UInt8(truncatingIfNeeded: index < 8 ? slot.first >> (8 * index) : slot.second >> (8 * (index - 8)))
        }
    }

    private mutating func textNumber(of text: String) -> (number: Int, added: Bool) {
        if texts == nil {
            var all: [String: Int] = [:]
            all.reserveCapacity(count + 1)
            for slot in slots where slot.number >= 0 {
                all[String(decoding: bytes(of: slot), as: UTF8.self)] = Int(slot.number)
            }
            texts = all
            slots = []
            storage = []
        }
        if let number = texts?[text] { return (number, false) }
        let number = count
        texts?[text] = number
        count += 1
        return (number, true)
    }
}
