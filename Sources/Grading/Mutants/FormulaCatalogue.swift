/// The reference's formulas (the reference and the passing alternatives that are arithmetic) and
/// their single and double misconception mutants, each evaluated at the setup's numbers and at
/// several other points. An answer that is a formula is explained by the mutants that are the
/// same formula — equal at every point, not only at the setup's numbers — with the fewest
/// changes: one moved point cannot tell floors apart (`(n + 2 * p - f) // s` and
/// `(n - f + 1) // s` agree at many), several can.
///
/// The quantities that move are the setup's whole-number names. A reference written in literals
/// only (`16 * 3 * 3 * 3 + 16`) has its literals of 3 and more lifted to quantities instead, one
/// per value, and so has an answer's literals of those values: `16 * 3 * 3 * 3 + 1` is then the
/// formula `q16 * q3 * q3 * q3 + 1`, which a mutant can equal. Literals 0, 1 and 2 are structure
/// (`+ 1`, `2 * p`), not quantities.
struct FormulaCatalogue: Sendable {
    /// A mutant and its values at `points`.
    struct Entry: Sendable {
        var mutant: Mutant
        /// The mutant's formula (literals lifted as the catalogue lifts them).
        var formula: Formula
        /// `formula.canonical`, kept.
        var written: String
        var values: [Formula.Number?]
        /// `formula.operations`, kept.
        var operations: [String: Int]
        /// Whether only an answer written as the mutant is (up to the order of terms and factors)
        /// is explained by it: a swap of two names that also comes to one name written for another.
        var onlyAsWritten = false
    }

    /// Changes told only alone: a second change on top of one of these reads the first's own
    /// work (`2 * f` made by counting f twice, then its 2 dropped) or undoes it.
    static let alone: Set<Misconception> = [
        .termCountedTwice, .factorCountedTwice, .groupAddedForSubtracted, .countOffByOne, .nameSquared,
        .strideOnly, .nameForOne, .scaledOnly, .termOutsideDivision,
    ]
    /// Changes told only of an answer written with the same operations as the mutant (up to its
    /// operands): a `+ 1` added, a halving or a doubling around a formula reaches many numbers,
    /// and an answer that does not write it (`4 * C` for `2 * (2 * C)`) made another slip.
    static let alike: Set<Misconception> = [.plusOneAdded, .minusOneAdded, .termHalved, .formulaDoubled]
    /// Changes told only of an answer written as the mutant is, up to the order of terms and
    /// factors (`Formula.canonical`): brackets left out are in the text, and so is a factor
    /// that multiplies only part of a sum (`64 - 10 * 5 + 1`); a formula that merely equals such
    /// a mutant (`L * K` is `L * K - 1 + 1`) is another slip.
    /// Changes told only of an answer that writes them itself, not of one whose literal is read
    /// as a quantity (`3 * p` read as `p * p` where p is 3 writes no square; `n // 2` where s is 2
    /// may halve the size as well as divide it by the stride).
    static let typedOnly: Set<Misconception> = [
        .squaredForDoubled, .nameSquared, .strideOnly, .nameForOne, .scaledOnly,
    ]
    static let asWritten: Set<Misconception> = [
        // Two names swapped: `(n - crop - 1) ** 2` is `(crop - n + 1) ** 2` at every point, by
        // the square, but writes the names in their own places.
        .namesSwapped,
        .bracketsDropped, .distributionForgotten, .nameForName, .countOffByOne, .squaredForDoubled,
        .nameSquared, .strideOnly, .nameForOne, .scaledOnly,
    ]
    /// Changes that repeat a term or factor as the source writes it.
    static let countedTwice: Set<Misconception> = [.termCountedTwice, .factorCountedTwice]
    /// Changes not made twice in a row: a second `+ 1` added, a second halving or a count moved
    /// twice is another number, not a second slip.
    static let once: Set<Misconception> = [
        .plusOneAdded, .minusOneAdded, .termHalved, .countOffByOne, .ceilForFloor, .nameForName,
        .strideAsWindow,
    ]

    /// What the catalogue says about an answer.
    enum Explanation: Sendable {
        /// The answer is not a formula in the quantities (a call, a tensor, a constant).
        case notAFormula
        /// A formula no mutant is: any mutant with the same value is a coincidence.
        case unexplained
        /// The mutants (one, or two single ones telling different stories) that are the answer's
        /// formula with the fewest changes.
        case explained([Mutant])
        /// Mutants that are the answer's formula with the same fewest changes tell more stories
        /// than one sentence can say truthfully.
        case ambiguous
    }

    /// Mutants kept per exercise at most: single changes, then pairs (the count bounds the work,
    /// not a time, so verdicts are the same however loaded the machine is).
    static let singleLimit = 200
    static let pairLimit = 2500
    /// Ways of reading an answer's literals as quantities tried at most.
    static let liftLimit = 64

    /// Each quantity's value at the setup.
    let quantities: [String: Int]
    /// The parts of a formula read as quantities by their text (`box[2]`, `x.shape[1]`:
    /// `Formula+Atoms`); each is among `integerNames` too.
    let atoms: Set<String>
    /// The setup's whole-number names (an answer may read one the reference does not).
    let integerNames: Set<String>
    /// Whether the reference's literals are its quantities (`q16`).
    let liftsLiterals: Bool
    /// Whether the number asked is a size or a count (`quantity: size`, `count`), a whole number
    /// wherever the setup's numbers move: an answer's `/` that is exact only at the setup's
    /// numbers is then no floor (`FormulaCatalogue+Coincidence`).
    var wholeSizes = false
    /// The points the formulas are evaluated at: the setup's numbers first.
    let points: [[String: Int]]
    private(set) var entries: [Entry] = []
    /// The reference's and alternatives' formulas (literals lifted as the catalogue lifts them).
    private(set) var sourceFormulas: [Formula] = []
    /// Parts of those formulas a learner may have worked out and written as a number (`5 - 1`
    /// as 4), by their value at the setup's numbers.
    private(set) var workedOut: [Int: [Formula]] = [:]

    /// The formula of `source`, its atoms read as quantities.
    func parse(_ source: String) -> Formula? { Formula.parse(source, atoms: atoms) }

    /// The name a lifted literal's quantity goes by.
    static func quantityName(_ value: Int) -> String { "q\(value)_" }

    /// Nil when no source is a formula worth moving. `integers` are the setup's whole-number
    /// bindings; `isInteger` says which names the mutant generator may treat as whole numbers.
    init?(sources: [String], integers: [String: Int], atoms: Set<String> = []) {
        var formulas: [(String, Formula)] = []
        for source in sources {
            guard let formula = Formula.parse(source, atoms: atoms), formula.names.isSubset(of: integers.keys)
            else {
                continue
            }
            switch formula {
            case .integer, .real, .negate(.integer), .negate(.real): continue
            default: break
            }
            formulas.append((source, formula))
        }
        let named = formulas.filter { !$0.1.names.isEmpty }
        let lifted = named.isEmpty
        let chosen = lifted ? formulas.filter { $0.1.literals.count >= 2 } : named
        guard !chosen.isEmpty else { return nil }
        var quantities: [String: Int] = [:]
        for (_, formula) in chosen {
            for name in formula.names { quantities[name] = integers[name] }
            if lifted {
                for value in formula.literals where value >= 3 {
                    quantities[Self.quantityName(value)] = value
                }
            }
        }
        // What a variance or a fan means (`MeaningGenerator+Variance`), first among the singles:
        // telling, and few. The output name such a mutant reads (the fan-out's `C_out`) moves
        // too, so that an answer reading it is a formula the catalogue can explain.
        let numbers = { (text: String) in
            Formula.parse(text, atoms: atoms)?.evaluate(integers).map {
                NumericArray(shape: [], values: [$0.double])
            }
        }
        let meanings =
            lifted ? [] : chosen.flatMap { MeaningGenerator.varianceMutants(of: $0.0, evaluate: numbers) }
        for mutant in meanings {
            for name in Formula.parse(mutant.source, atoms: atoms)?.names ?? [] {
                quantities[name] = integers[name]
            }
        }
        guard !quantities.isEmpty else { return nil }
        self.quantities = quantities
        integerNames = Set(integers.keys)
        self.atoms = atoms
        liftsLiterals = lifted
        points = Self.points(quantities)

        // The sources as written, and the forms a learner may have distributed them into
        // (`16 * 27 + 16` and `(27 + 1) * 16`): a change to either is one change.
        var texts = chosen.map(\.0)
        for (_, formula) in chosen {
            for form in formula.distributedForms where !texts.contains(form.source) {
                texts.append(form.source)
            }
        }
        var seen: Set<String> = Set(texts)
        let variance = meanings.filter { seen.insert($0.source).inserted }
        var singles: [Mutant] = []
        var distributed: Set<String> = []
        for (index, source) in texts.enumerated() {
            // A distributed form is the catalogue's own writing: only the change it exists for
            // (a factor multiplying part of the sum) is told from it, never a piece the learner
            // never saw (the `+ 1` of `(128 + 1) * 10` for `parameter_count(nn.Linear(128, 10))`).
            for mutant in MutantGenerator.mutants(
                of: source, arithmetic: true, isInteger: { integers[$0] != nil })
            where (index < chosen.count || mutant.misconception == .distributionForgotten)
                && seen.insert(mutant.source).inserted
            {
                singles.append(mutant)
                if index >= chosen.count { distributed.insert(mutant.source) }
            }
        }
        singles = Array((variance + singles).prefix(Self.singleLimit))
        var pairs: [Mutant] = []
        // No second change on a distributed form's mutant: it would work on the catalogue's
        // writing (drop the factor it just moved), not on anything the learner saw.
        for single in singles where !distributed.contains(single.source) {
            for next in MutantGenerator.mutants(
                of: single.source, arithmetic: true, isInteger: { integers[$0] != nil })
            where seen.insert(next.source).inserted {
                let pair = single.then(next)
                guard pair.changes[0] != pair.changes[1], !Self.alone.contains(single.misconception),
                    !Self.rewritesFirst(single.changes[0], next.changes[0], sources: texts),
                    single.misconception != next.misconception || !Self.once.contains(next.misconception),
                    !Self.moves(single.misconception, next.misconception),
                    !Self.alone.contains(next.misconception), next.misconception != .bracketsDropped
                else { continue }
                pairs.append(pair)
            }
        }
        // Telling pairs first, so the limit drops the generic ones.
        pairs.sort { $0.genericCount < $1.genericCount }
        sourceFormulas = chosen.map { lifted ? lift($0.1) : $0.1 }
        for formula in sourceFormulas { collectWorkedOut(formula) }
        let referenceValues = sourceFormulas.map { values(of: $0) }
        // One name written for another at one place: not a story told (it fits too many
        // answers), but a swap of two names that comes to the same formula is no better
        // (`C_in * C_out + C_in` is C_in and C_out swapped only because a product commutes).
        let confusions = chosen.flatMap { Self.confusions(of: lifted ? lift($0.1) : $0.1) }.map(values(of:))
        for mutant in singles + pairs.prefix(Self.pairLimit) {
            guard let formula = Formula.parse(mutant.source, atoms: atoms),
                formula.names.isSubset(of: integers.keys)
            else { continue }
            let moved = lifted ? lift(formula) : formula
            let values = self.values(of: moved)
            // A change that leaves the formula as it was (`* 1`, a swap of equal sides) explains
            // nothing.
            guard !referenceValues.contains(where: { Self.same($0, values) }) else { continue }
            // Such a swap is told only of an answer written as the swap is (`(D - 1) * K + 1` for
            // `D * (K - 1) + 1`, though `D + (K - 1) * (D - 1)` is the alternative with one K
            // written as D).
            let confused =
                mutant.changes.contains(where: { $0.misconception == .namesSwapped })
                && confusions.contains(where: { Self.same($0, values) })
            entries.append(
                Entry(
                    mutant: mutant, formula: moved, written: moved.canonical, values: values,
                    operations: moved.operations, onlyAsWritten: confused))
        }
    }

    /// Whether the second change of a pair keeps only a piece of what the first one wrote, and
    /// none of what the first kept of the calculation (`f` halved to `f / 2`, then `f / 2`
    /// replaced by its divisor `2`): one change made otherwise (`f` written 2), not two slips.
    /// A second change that rewrites the first's writing otherwise (`… // s` then `/` for its
    /// `//`) is a second slip, and so is one on what the first left of the calculation's own
    /// writing (`n - f` of `n - f + 1` with its `+ 1` dropped, a part of `sources`).
    static func rewritesFirst(_ first: Mutant.Change, _ second: Mutant.Change, sources: [String]) -> Bool {
        func bare(_ text: String) -> String {
            PreparedExercise.unbracketed(text).filter { !$0.isWhitespace }
        }
        let written = bare(first.replacement)
        let kept = bare(second.replacement)
        guard !second.original.isEmpty, !written.isEmpty, bare(second.original) == written, !kept.isEmpty,
            kept.count < written.count, written.contains(kept)
        else { return false }
        let piece = bare(first.piece)
        if !piece.isEmpty, kept.contains(piece) { return false }
        return !sources.contains { bare($0).contains(written) }
    }

    /// Records `formula`'s operations on quantities (and theirs, inside) whose value at the
    /// setup's numbers is a whole number of 3 or more: a literal of that value in an answer may be
    /// that part, worked out.
    private mutating func collectWorkedOut(_ formula: Formula) {
        guard case .binary(_, let a, let b) = formula else { return }
        collectWorkedOut(a)
        collectWorkedOut(b)
        guard !formula.names.isEmpty, case .int(let value)? = formula.evaluate(quantities), value >= 3,
            !workedOut[value, default: []].contains(formula)
        else { return }
        workedOut[value, default: []].append(formula)
    }

    /// Whether two changes together move a `+ 1` or `- 1` (left out at one place, added at
    /// another): one slip of where it goes, not two.
    static func moves(_ a: Misconception, _ b: Misconception) -> Bool {
        let pairs: [Set<Misconception>] = [
            [.plusOneDropped, .plusOneAdded], [.minusOneDropped, .minusOneAdded],
        ]
        return pairs.contains([a, b])
    }

    /// The reference's literals as their quantities (for a catalogue that lifts literals).
    private func lift(_ formula: Formula) -> Formula {
        formula.replacingLiterals(
            formula.literals.map { value in
                value >= 3 && quantities[Self.quantityName(value)] != nil ? Self.quantityName(value) : nil
            })
    }

    /// The formula with one of its names replaced by another of its names, at one place, in
    /// every way.
    static func confusions(of formula: Formula) -> [Formula] {
        let names = formula.names.sorted()
        var results: [Formula] = []
        var position = 0
        func count(_ f: Formula) -> Int {
            switch f {
            case .name: 1
            case .integer, .real: 0
            case .negate(let inner), .call(_, let inner): count(inner)
            case .binary(_, let a, let b): count(a) + count(b)
            }
        }
        func replacing(_ f: Formula, at target: Int, with name: String) -> Formula {
            switch f {
            case .name:
                defer { position += 1 }
                return position == target ? .name(name) : f
            case .integer, .real: return f
            case .negate(let inner): return .negate(replacing(inner, at: target, with: name))
            case .call(let function, let inner):
                return .call(function, replacing(inner, at: target, with: name))
            case .binary(let op, let a, let b):
                let left = replacing(a, at: target, with: name)
                return .binary(op, left, replacing(b, at: target, with: name))
            }
        }
        for target in 0..<count(formula) {
            for name in names {
                position = 0
                let changed = replacing(formula, at: target, with: name)
                if changed != formula { results.append(changed) }
            }
        }
        return results
    }

    /// The formula's values at every point.
    func values(of formula: Formula) -> [Formula.Number?] {
        points.map { formula.evaluate($0) }
    }

    /// Whether two formulas' values agree at every point (failing at the same points), with at
    /// least three points where both have a value.
    static func same(_ a: [Formula.Number?], _ b: [Formula.Number?]) -> Bool {
        guard a.count == b.count else { return false }
        var both = 0
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (nil, nil): continue
            case (let x?, let y?):
                guard x.same(y) else { return false }
                both += 1
            default: return false
            }
        }
        return both >= 3
    }

    /// The setup's numbers, then the quantities moved up by different amounts at each point (so
    /// that sizes stay sizes), and once scaled, so that floors and sums that agree near the
    /// setup's numbers come apart.
    static func points(_ quantities: [String: Int]) -> [[String: Int]] {
        let names = quantities.keys.sorted()
        let offsets: [[Int]] = [
            [3, 5, 7, 11, 13, 17, 19, 23],
            [10, 4, 13, 8, 2, 21, 6, 15],
            [1, 12, 5, 19, 9, 3, 16, 7],
            [22, 9, 2, 6, 17, 11, 4, 30],
        ]
        var points = [quantities]
        for row in offsets {
            var point: [String: Int] = [:]
            for (index, name) in names.enumerated() {
                point[name] = (quantities[name] ?? 0).moved(by: row[index % row.count])
            }
            points.append(point)
        }
        var scaled: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            scaled[name] = (quantities[name] ?? 0).scaled(by: 2).moved(by: offsets[0][index % 8])
        }
        points.append(scaled)
        return points
    }

    /// The answer `source`'s formula, read with its literals as quantities in every way that
    /// fits (a literal 5 as `f` when the setup's f is 5, or as the literal), explained by the
    /// mutants that are the same formula with the fewest changes, then the fewest generic ones.
    /// `extra` are atoms only the answer reads (`m.sum()`), with their setup values: a formula
    /// reading one is no mutant.
    func explain(_ source: String, extra: [String: Int] = [:]) -> Explanation {
        guard let formula = Formula.parse(source, atoms: atoms.union(extra.keys))?.intAsFloor,
            formula.names.isSubset(of: integerNames.union(extra.keys))
        else {
            return .notAFormula
        }
        // A number alone is a number, not a formula that happens to be one name.
        switch formula {
        case .integer, .real, .negate(.integer), .negate(.real): return .notAFormula
        default: break
        }
        // A setup number the reference does not read: no mutant moves with it.
        guard formula.names.isSubset(of: quantities.keys) else { return .unexplained }
        let readings = self.readings(formula)
        guard !readings.isEmpty else { return .notAFormula }
        var best: [Mutant] = []
        var bestRank = (Int.max, Int.max, Int.max)
        for reading in readings {
            let values = self.values(of: reading)
            let written = reading.canonical
            // A mutant that reads no quantity (`2 // 2`, every name dropped) is a number, not a
            // formula an answer can be: a reading of the answer that comes to the same constant
            // (`S // S` for `S // 2`) explains nothing.
            for entry in entries where Self.same(values, entry.values) && !entry.formula.names.isEmpty {
                if entry.onlyAsWritten
                    || entry.mutant.changes.contains(where: { Self.asWritten.contains($0.misconception) }),
                    written != entry.written
                {
                    continue
                }
                if entry.mutant.changes.contains(where: { Self.typedOnly.contains($0.misconception) }),
                    reading != formula
                {
                    continue
                }
                // "Counted twice" doubles a term as written; an answer that types a count of its
                // own the mutant does not write (`3 * C` where `C + C` is counted once more) counted
                // three of something, not one term twice.
                if entry.mutant.changes.contains(where: { Self.countedTwice.contains($0.misconception) }),
                    !Set(reading.literals.filter { $0 >= 3 }).isSubset(of: Set(entry.formula.literals))
                {
                    continue
                }
                // Literals read as quantities fit a generic change (a factor dropped, a division
                // for a product) too easily: there a generic change explains only an answer
                // written as the mutant is.
                if liftsLiterals, entry.mutant.genericCount > 0, written != entry.written { continue }
                // An answer that still has, as written, the part a change replaced did not make
                // that change (`(7 - 1) // 2 + 1` has its `7 - 1`: it is not `(f + 1) // 2`,
                // whatever the two come to).
                if entry.mutant.changes.contains(where: { kept($0, in: reading) }) { continue }
                // An answer that keeps a whole formula of the reference, with a step around it
                // (`(w) * (h) / 2`), halved the whole, not one of its terms: the step is its story.
                if entry.mutant.changes.contains(where: { $0.misconception == .termHalved }),
                    sourceFormulas.contains(where: { reading != $0 && reading.contains($0) })
                {
                    continue
                }
                // Written with the answer's operations (a `math.ceil` where it has one, no
                // `+ 1 - 1`) beats written otherwise, among as many changes of as many generic
                // ones: `ceil(a / s)` is `a // s + 1` wherever s does not divide a, but the learner
                // rounded up, not added one.
                let alike = entry.operations == reading.operations
                // A division for a product is the learner's only where the answer writes that
                // division: `(a + b) / (C * C_out)` equals `(a + b) / (C * C_out * K / K)`, but
                // its typing leaves K² out of the divisor.
                if entry.mutant.changes.contains(where: { $0.misconception == .divideForMultiply }),
                    Self.divisions(reading) < Self.divisions(entry.formula)
                {
                    continue
                }
                if !alike, entry.mutant.changes.contains(where: { Self.alike.contains($0.misconception) }) {
                    continue
                }
                let rank = (entry.mutant.changes.count, entry.mutant.genericCount, alike ? 0 : 1)
                if rank < bestRank {
                    bestRank = rank
                    best = [entry.mutant]
                } else if rank == bestRank {
                    best.append(entry.mutant)
                }
            }
        }
        guard let first = best.first else { return .unexplained }
        // Two generic changes (a minus for a plus and a term dropped) reach too many formulas to
        // be the learner's.
        guard bestRank.1 < 2 else { return .ambiguous }
        var stories: [Mutant] = [first]
        for mutant in best.dropFirst() where !stories.contains(where: { $0.story == mutant.story }) {
            stories.append(mutant)
        }
        if stories.count == 1 { return .explained(stories) }
        if stories.count == 2, stories.allSatisfy({ $0.changes.count == 1 }) { return .explained(stories) }
        return .ambiguous
    }

    /// How many divisions (`/`, `//`) a formula writes.
    static func divisions(_ formula: Formula) -> Int {
        let operations = formula.operations
        return (operations["/"] ?? 0) + (operations["//"] ?? 0)
    }

    /// Whether an answer that has the expected value is a formula that agrees with the reference
    /// only at the setup's numbers (`coincidence(_:)` says what shows it).
    func isCoincidentalPass(_ source: String) -> Bool { coincidence(source) != nil }

    /// Whether `answer` and `mutant` are the same formula (the answer read as written); nil when
    /// either is not a formula in the quantities or the answer reads none of them.
    func same(_ answer: String, _ mutant: String) -> Bool? {
        guard let a = parse(answer), !a.names.isEmpty, a.names.isSubset(of: quantities.keys),
            let m = parse(mutant), m.names.isSubset(of: quantities.keys)
        else { return nil }
        return Self.same(values(of: a), values(of: liftsLiterals ? lift(m) : m))
    }

    /// Whether two formulas in literals (the reference written in literals, `liftsLiterals`) are
    /// another formula once their literals are read as the quantities they are: nil when either
    /// is not such a formula or has a literal that is no quantity (`512 + 32` may be `32 * 16`
    /// worked out: it cannot be told apart), true when they differ at the moved points.
    func differsLifted(_ answer: String, _ other: String) -> Bool? {
        func inQuantities(_ source: String) -> Formula? {
            guard let formula = Formula.parse(source), formula.names.isEmpty, formula.literals.count >= 2,
                formula.literals.allSatisfy({ $0 < 3 || quantities[Self.quantityName($0)] != nil })
            else { return nil }
            return formula
        }
        guard liftsLiterals, let a = inQuantities(answer), let b = inQuantities(other) else { return nil }
        return !Self.same(values(of: lift(a)), values(of: lift(b)))
    }

    /// Whether the part `change` replaced is in `reading` as it was (an operation, not a bare
    /// name or number, which any formula has).
    private func kept(_ change: Mutant.Change, in reading: Formula) -> Bool {
        guard !change.original.isEmpty, var part = parse(change.original) else { return false }
        if case .binary = part {} else { return false }
        if liftsLiterals { part = lift(part) }
        return reading.contains(part)
    }

    /// The ways of reading the answer's literals as quantities: each literal of a quantity's value
    /// (2 and more for a setup name, 3 and more for a lifted literal) as that quantity or as
    /// itself. Nil readings when the formula moves with nothing (a constant).
    func readings(_ formula: Formula) -> [Formula] {
        let options: [[Formula?]] = formula.literals.map { value in
            let threshold = liftsLiterals ? 3 : 2
            guard value >= threshold else { return [nil] }
            let names: [Formula?] = quantities.filter { $0.value == value }.map(\.key).sorted().map {
                .name($0)
            }
            let parts: [Formula?] = workedOut[value, default: []]
            return names + parts + [nil]
        }
        var readings: [[Formula?]] = [[]]
        for choices in options {
            var next: [[Formula?]] = []
            for reading in readings {
                for choice in choices {
                    next.append(reading + [choice])
                    if next.count >= Self.liftLimit { break }
                }
                if next.count >= Self.liftLimit { break }
            }
            readings = next
        }
        return readings.map { formula.replacingLiterals($0) }.filter { !$0.names.isEmpty }
    }
}
