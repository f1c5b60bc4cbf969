/// What a named mistake's recorded answers leave out of a calculation, read against the answer.
///
/// A named mistake is often a step left out: its recorded answer in `Solutions/` is a passing
/// calculation without a call (`F.conv2d(F.pad(up, …), ker)` is the alternative
/// `F.conv2d(F.pad(up, …), ker.flip([2, 3]))` without its `flip`), and its message says so ("slid
/// the kernel as it is … needs `ker.flip([2, 3])`"). An answer that writes that call itself did
/// not leave it out, whatever its value: `F.conv_transpose2d(up, ker.flip([2, 3]))` turns a
/// kernel the transposed convolution already turns, and has the unturned kernel's value only by
/// that double turn. Such an answer is not told the mistake (`PreparedExercise+RecordedTyping`
/// is the other side: a mistake recorded as a step more).
extension PreparedExercise {
    /// Whether the answer typed as `source` writes, as often as the calculation does, the calls
    /// that every recorded answer of the named mistake `id` leaves out of a passing calculation
    /// (the reference or an alternative that calls all it calls). False when a recorded answer
    /// is no such calculation with calls left out (worked out by hand, another route): it says
    /// nothing of what the mistake leaves out.
    func writesRecordedOmission(by id: String, source: String?) -> Bool {
        guard let source, let answer = Self.typingProfile(source), let solution = exercise.solution else {
            return false
        }
        let recorded = solution.wrong.filter { $0.mistake == id }.map(\.answer.text)
        guard !recorded.isEmpty else { return false }
        let calculations = ([solution.reference] + solution.alternatives).compactMap {
            Self.typingProfile($0.text)
        }
        for text in recorded {
            // A recorded answer worked out by hand (`8`) calls nothing: it says nothing of a call
            // left out.
            guard let written = Self.typingProfile(text),
                written.keys.contains(where: { $0.hasPrefix("call ") })
            else { return false }
            // Only calls: an operator left out may be written elsewhere for another reason.
            let omissions = calculations.filter { calculation in
                written.allSatisfy { (calculation[$0.key] ?? 0) >= $0.value }
            }.map { calculation in
                calculation.filter { $0.key.hasPrefix("call ") && $0.value > (written[$0.key] ?? 0) }
            }.filter { !$0.isEmpty }
            guard let omission = omissions.min(by: { $0.count < $1.count }) else { return false }
            if !omission.allSatisfy({ (answer[$0.key] ?? 0) >= $0.value }) { return false }
        }
        return true
    }
}
