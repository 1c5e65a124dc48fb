internal import Mustache

/// A bound on the work of rendering a template, for templates a user supplies (`--templates`):
/// sections nested over a list, or partials that each include the next twice, would otherwise
/// render for ever.
///
/// Two checks, both counted in bytes of likely output:
/// - before rendering, every template's size with its partials written out (``expandedSizes``)
///   must stay within ``maxExpandedSize``: that bounds the text one pass through a template
///   produces, whatever the data;
/// - while rendering, the view model is seen through ``BudgetedValue``, which charges every name
///   looked up (its text's length when it is text) and every pass through a list section (the
///   largest expanded size of a section of that name); past ``limit``, lists end early and the
///   render is refused.
final class RenderBudget {
    /// The most a render may charge: about 32 MiB of output.
    static let limit = 32 << 20
    /// The most text a template may expand to through its partials.
    static let maxExpandedSize = 8 << 20
    /// Charged for each name looked up (the renderer's own work for it).
    static let lookupCost = 128
    /// Charged for each pass through a list section, besides its text.
    static let passCost = 256
    /// Counted for each partial included, besides its text (the renderer's own work for it).
    static let partialCost = 256

    private(set) var spent = 0
    private(set) var exceeded = false
    /// Expanded size of the body of the largest section of each name (the last part of a dotted
    /// name), and the largest of all for lists reached otherwise.
    let sectionWeights: [String: Int]
    let largestSection: Int

    init(sectionWeights: [String: Int]) {
        self.sectionWeights = sectionWeights
        largestSection = sectionWeights.values.max() ?? 0
    }

    /// Field names of each type met, by type.
    private var fields: [ObjectIdentifier: Set<String>] = [:]

    /// The names of the stored properties of `value`'s type.
    func fieldNames(of value: Any) -> Set<String> {
        let type = ObjectIdentifier(Swift.type(of: value))
        if let known = fields[type] { return known }
        let names = Set(Mirror(reflecting: value).children.compactMap(\.label))
        fields[type] = names
        return names
    }

    /// Charges `amount`; `false` once the budget is spent.
    func charge(_ amount: Int) -> Bool {
        guard !exceeded else { return false }
        spent += amount
        if spent > Self.limit { exceeded = true }
        return !exceeded
    }

    /// The size of each template with its partials written out, saturating at
    /// ``maxExpandedSize`` + 1 (partials form no cycle: ``TemplateCheck/cycle(in:)`` runs first).
    static func expandedSizes(sizes: [String: Int], tags: [String: [TemplateCheck.Tag]]) -> [String: Int] {
        var done: [String: Int] = [:]
        let cap = maxExpandedSize + 1
        func size(of name: String, depth: Int) -> Int {
            if let known = done[name] { return known }
            guard depth < 1000 else { return cap }
            var total = sizes[name] ?? 0
            for tag in tags[name] ?? [] where tag.sigil == ">" || tag.sigil == "<" {
                guard sizes[tag.name] != nil else { continue }
                total = min(cap, total + partialCost + size(of: tag.name, depth: depth + 1))
            }
            done[name] = total
            return total
        }
        for name in sizes.keys.sorted() { _ = size(of: name, depth: 0) }
        return done
    }

    /// For each section name, the largest expanded size of the body of a section of that name.
    static func sectionWeights(tags: [String: [TemplateCheck.Tag]], expanded: [String: Int]) -> [String: Int] {
        var weights: [String: Int] = [:]
        for (_, list) in tags {
            var open: [(tag: TemplateCheck.Tag, partials: Int)] = []
            for tag in list {
                switch tag.sigil {
                case "#", "^", "$", "<": open.append((tag, 0))
                case ">":
                    let size = partialCost + (expanded[tag.name] ?? 0)
                    for index in open.indices {
                        open[index].partials = min(maxExpandedSize, open[index].partials + size)
                    }
                case "/":
                    guard let (section, partials) = open.popLast() else { continue }
                    let name = String(section.name.split(separator: ".").last ?? "")
                    let weight = min(maxExpandedSize, max(0, tag.start - section.end) + partials)
                    weights[name] = max(weights[name] ?? 0, weight)
                default: break
                }
            }
        }
        return weights
    }
}

/// A view-model value seen through a ``RenderBudget``: every name looked up and every pass through
/// a list is charged, and nothing more is produced once the budget is spent.
struct BudgetedValue: MustacheParent, CustomStringConvertible {
    let base: Any
    let budget: RenderBudget

    func child(named name: String) -> Any? {
        guard budget.charge(RenderBudget.lookupCost) else { return nil }
        let value: Any?
        if let parent = base as? any MustacheParent {
            value = parent.child(named: name)
        } else {
            // Names not found in a value are the common case (the renderer looks a name up the
            // whole context stack): answered from the type's field names, without reflecting.
            guard budget.fieldNames(of: base).contains(name) else { return nil }
            value = Mirror(reflecting: base).children.first { $0.label == name }.map(\.value)
        }
        guard let value = value.flatMap(Self.unwrapped) else { return nil }
        return Self.wrap(value, name: name, budget: budget)
    }

    var description: String { String(describing: base) }

    /// The value inside an optional, or `nil`; other values as they are.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map(\.value)
    }

    /// `value`, looked up under `name`, as the renderer should see it.
    static func wrap(_ value: Any, name: String?, budget: RenderBudget) -> Any? {
        if let text = value as? String {
            return budget.charge(text.utf8.count) ? text : nil
        }
        let style = Mirror(reflecting: value).displayStyle
        if style == .dictionary || style == .struct || style == .class,
            !(value is any MustacheSequence)
        {
            return BudgetedValue(base: value, budget: budget)
        }
        if let sequence = value as? any MustacheSequence {
            let weight = name.flatMap { budget.sectionWeights[$0] } ?? budget.largestSection
            return BudgetedList(base: value, elements: elements(of: sequence), budget: budget, weight: weight)
        }
        return value
    }

    private static func elements(of sequence: some Sequence) -> [Any] {
        sequence.map { $0 as Any }
    }
}

/// A list in the view model: each pass through it is charged, and it ends early once the budget
/// is spent.
struct BudgetedList: MustacheSequence, MustacheTransformable, CustomStringConvertible {
    let base: Any
    let elements: [Any]
    let budget: RenderBudget
    /// Charged for each pass, besides ``RenderBudget/passCost``.
    let weight: Int

    func makeIterator() -> Iterator {
        Iterator(elements: elements, budget: budget, cost: RenderBudget.passCost + weight)
    }

    struct Iterator: IteratorProtocol {
        let elements: [Any]
        let budget: RenderBudget
        let cost: Int
        var index = 0

        mutating func next() -> Any? {
            guard index < elements.count, budget.charge(cost) else { return nil }
            defer { index += 1 }
            return BudgetedValue.wrap(elements[index], name: nil, budget: budget) ?? ""
        }
    }

    func transform(_ name: String) -> Any? {
        guard let result = (base as? any MustacheTransformable)?.transform(name) else { return nil }
        return BudgetedValue.unwrapped(result).flatMap { BudgetedValue.wrap($0, name: nil, budget: budget) }
    }

    var description: String { String(describing: base) }
}
