import Foundation

extension ClassReport {
    /// The report as one self-contained HTML page for an instructor: the class's score
    /// distribution, each exercise's pass rate (by status), the most common named mistakes and
    /// built-in findings, all as inline SVG, then a table of learners with a strip of their
    /// exercises' statuses, and the skipped files.
    ///
    /// Nothing is loaded from the network and nothing runs (no script); the same report gives the
    /// same bytes (no dates, everything in a fixed order).
    func htmlReport() -> String {
        var out: [String] = [
            "<!DOCTYPE html>",
            #"<html lang="en">"#,
            "<head>",
            #"<meta charset="utf-8"/>"#,
            #"<meta name="viewport" content="width=device-width, initial-scale=1"/>"#,
            "<title>Class report: \(XML.escape(course)) v\(version)</title>",
            "<style>\(Self.htmlStyle)</style>",
            "</head>",
            "<body>",
            "<h1>Class report: \(XML.escape(course)) v\(version)</h1>",
        ]
        let scores = learners.map { $0.maxPoints > 0 ? Double($0.points) / Double($0.maxPoints) : 0 }
        out.append("<p class=\"summary\">\(summarySentence(scores))</p>")
        let skippedLink = skipped.isEmpty ? "" : ##" · <a href="#skipped">Skipped files</a>"##
        out.append(
            ##"<nav><a href="#distribution">Scores</a> · <a href="#exercises">Exercises</a> · <a href="#mistakes">Mistakes</a> · <a href="#learners">Learners</a>\##(skippedLink)</nav>"##
        )
        if !learners.isEmpty {
            out.append(#"<section id="distribution"><h2>Score distribution</h2>"#)
            out.append(Self.histogram(scores))
            out.append("</section>")
            out.append(#"<section id="exercises"><h2>Exercises: pass rate and statuses</h2>"#)
            out.append(statusLegend())
            out.append(exerciseChart())
            out.append("</section>")
            out.append(#"<section id="mistakes"><h2>Most common named mistakes and findings</h2>"#)
            out += mistakesSection()
            out.append("</section>")
            out.append(#"<section id="learners"><h2>Learners</h2>"#)
            out += learnerTable()
            out.append("</section>")
        }
        if !skipped.isEmpty {
            out.append(#"<section id="skipped"><h2>Skipped files</h2><ul class="skipped">"#)
            out += skipped.map { "<li><code>\(XML.escape($0.message))</code></li>" }
            out.append("</ul></section>")
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Summary

    private func summarySentence(_ scores: [Double]) -> String {
        guard !learners.isEmpty else {
            return "No submission could be graded, so there is no class summary."
        }
        let sorted = scores.sorted()
        let mean = scores.reduce(0, +) / Double(scores.count)
        let median =
            sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let allPass = learners.filter { $0.results.allSatisfy(\.verdict.passed) }.count
        return "\(learners.count) learner\(learners.count == 1 ? "" : "s"), \(exercises.count) exercises, "
            + "\(learners.first?.maxPoints ?? 0) points. Mean score \(Self.percent(mean)), median \(Self.percent(median)); "
            + "\(allPass) learner\(allPass == 1 ? "" : "s") passed every exercise."
            + (skipped.isEmpty
                ? "" : " \(skipped.count) file\(skipped.count == 1 ? " was" : "s were") skipped.")
    }

    private static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

    // MARK: Charts

    /// Learners by score, in ten bins of 10% (the last holds 90–100%).
    static func histogram(_ scores: [Double]) -> String {
        var bins = Array(repeating: 0, count: 10)
        for score in scores { bins[min(9, max(0, Int((score * 10).rounded(.down))))] += 1 }
        let width = 720.0
        let height = 240.0
        let left = 40.0
        let bottom = 36.0
        let top = 20.0
        let slot = (width - left - 10) / 10
        let tallest = max(1, bins.max() ?? 1)
        var svg = [
            #"<svg class="chart" role="img" aria-label="Learners by score" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="100%" preserveAspectRatio="xMinYMin meet">"#,
            #"<line class="axis" x1="\#(left)" y1="\#(height - bottom)" x2="\#(width - 10)" y2="\#(height - bottom)"/>"#,
        ]
        for (index, count) in bins.enumerated() {
            let barHeight = (height - bottom - top) * Double(count) / Double(tallest)
            let x = left + Double(index) * slot + 4
            let y = height - bottom - barHeight
            let label = index == 9 ? "90–100%" : "\(index * 10)–\(index * 10 + 9)%"
            svg.append(
                #"<rect class="bar" x="\#(format(x))" y="\#(format(y))" width="\#(format(slot - 8))" height="\#(format(barHeight))"><title>\#(label): \#(count) learner\#(count == 1 ? "" : "s")</title></rect>"#
            )
            svg.append(
                #"<text class="count" x="\#(format(x + (slot - 8) / 2))" y="\#(format(y - 4))" text-anchor="middle">\#(count)</text>"#
            )
            svg.append(
                #"<text class="label" x="\#(format(x + (slot - 8) / 2))" y="\#(format(height - bottom + 16))" text-anchor="middle">\#(label)</text>"#
            )
        }
        svg.append(
            #"<text class="label" x="\#(format(left))" y="\#(format(height - 4))">score (share of the points)</text>"#
        )
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// The statuses in the order the charts stack them, with their CSS class.
    private static let statusOrder: [(Verdict.Status, String)] = [
        (.pass, "pass"), (.fail, "fail"), (.error, "error"), (.timeout, "timeout"),
    ]

    private func statusLegend() -> String {
        "<p class=\"legend\">"
            + Self.statusOrder.map { #"<span class="swatch \#($0.1)"></span> \#($0.0.rawValue)"# }.joined(
                separator: " ")
            + "</p>"
    }

    /// One horizontal bar per exercise, stacked by status, with the pass rate written after it.
    private func exerciseChart() -> String {
        let rowHeight = 20.0
        let labelWidth = 300.0
        let barWidth = 360.0
        let width = labelWidth + barWidth + 60
        let height = rowHeight * Double(exercises.count) + 10
        var svg = [
            #"<svg class="chart" role="img" aria-label="Pass rate per exercise" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="100%" preserveAspectRatio="xMinYMin meet">"#
        ]
        let total = Double(max(1, learners.count))
        for (row, key) in exercises.enumerated() {
            let verdicts = learners.compactMap { $0.results.first { $0.exercise == key }?.verdict }
            let y = Double(row) * rowHeight + 5
            svg.append(
                #"<text class="label" x="\#(format(labelWidth - 8))" y="\#(format(y + 13))" text-anchor="end">\#(XML.escape(Self.shortened(key, to: 44)))<title>\#(XML.escape(key))</title></text>"#
            )
            var x = labelWidth
            for (status, name) in Self.statusOrder {
                let count = verdicts.filter { $0.status == status }.count
                guard count > 0 else { continue }
                let length = barWidth * Double(count) / total
                svg.append(
                    #"<rect class="\#(name)" x="\#(format(x))" y="\#(format(y + 2))" width="\#(format(length))" height="\#(format(rowHeight - 6))"><title>\#(XML.escape(key)): \#(count) \#(status.rawValue)</title></rect>"#
                )
                x += length
            }
            let passed = verdicts.filter(\.passed).count
            svg.append(
                #"<text class="count" x="\#(format(labelWidth + barWidth + 6))" y="\#(format(y + 13))">\#(Self.percent(Double(passed) / total))</text>"#
            )
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// What explains the wrong answers: a named mistake, or else the first finding that names a
    /// cause (a mutant, a choice, the built-in diagnosis).
    private func explanations() -> [(exercise: String, name: String, named: Bool, count: Int)] {
        var counts: [String: (String, String, Bool, Int)] = [:]
        for learner in learners {
            for result in learner.results where !result.verdict.passed {
                guard let (name, named) = result.verdict.explanation else { continue }
                counts[result.exercise + "\u{0}" + name, default: (result.exercise, name, named, 0)].3 += 1
            }
        }
        let order = Dictionary(uniqueKeysWithValues: exercises.enumerated().map { ($1, $0) })
        return counts.values.sorted {
            ($1.3, order[$0.0] ?? 0, $0.1) < ($0.3, order[$1.0] ?? 0, $1.1)
        }.map { ($0.0, $0.1, $0.2, $0.3) }
    }

    /// The fifteen commonest as a bar chart, then each exercise's three commonest in a table.
    private func mistakesSection() -> [String] {
        let all = explanations()
        guard !all.isEmpty else {
            return ["<p>No wrong answer was explained by a named mistake or a finding.</p>"]
        }
        let top = Array(all.prefix(15))
        let rowHeight = 22.0
        let labelWidth = 420.0
        let barWidth = 240.0
        let width = labelWidth + barWidth + 80
        let height = rowHeight * Double(top.count) + 10
        let largest = Double(top.first?.count ?? 1)
        var out = [
            #"<p class="legend"><span class="swatch named"></span> named mistake (from the course) <span class="swatch finding"></span> built-in finding (no named mistake matched)</p>"#,
            #"<svg class="chart" role="img" aria-label="Most common mistakes" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="100%" preserveAspectRatio="xMinYMin meet">"#,
        ]
        for (row, item) in top.enumerated() {
            let y = Double(row) * rowHeight + 5
            let name = item.named ? mistakeName(item.name, exercise: item.exercise) : item.name
            let label = Self.shortened(name, to: 28) + " · " + Self.shortened(item.exercise, to: 34)
            out.append(
                #"<text class="label" x="\#(format(labelWidth - 8))" y="\#(format(y + 14))" text-anchor="end">\#(XML.escape(label))<title>\#(XML.escape(item.exercise)): \#(XML.escape(name))</title></text>"#
            )
            let length = barWidth * Double(item.count) / largest
            out.append(
                #"<rect class="\#(item.named ? "named" : "finding")" x="\#(format(labelWidth))" y="\#(format(y + 3))" width="\#(format(length))" height="\#(format(rowHeight - 8))"/>"#
            )
            out.append(
                #"<text class="count" x="\#(format(labelWidth + length + 6))" y="\#(format(y + 14))">\#(item.count)</text>"#
            )
        }
        out.append("</svg>")
        out.append(
            #"<table class="mistakes"><thead><tr><th>exercise</th><th>commonest explanations (learners)</th></tr></thead><tbody>"#
        )
        for key in exercises {
            let items = all.filter { $0.exercise == key }.prefix(3)
            guard !items.isEmpty else { continue }
            let cells = items.map {
                let name = $0.named ? mistakeName($0.name, exercise: key) : $0.name
                return
                    #"<span class="\#($0.named ? "named" : "finding")-text">\#(XML.escape(name))</span> (\#($0.count))"#
            }.joined(separator: ", ")
            out.append("<tr><td><code>\(XML.escape(key))</code></td><td>\(cells)</td></tr>")
        }
        out.append("</tbody></table>")
        return out
    }

    /// One row per learner: name, file, points, share, and a strip of squares, one per exercise,
    /// coloured by status.
    private func learnerTable() -> [String] {
        var out = [
            statusLegend(),
            #"<div class="scroll"><table class="learners"><thead><tr><th>learner</th><th>file</th><th>points</th><th>score</th><th>exercises (course order)</th></tr></thead><tbody>"#,
        ]
        let cell = 8.0
        let stripWidth = cell * Double(exercises.count)
        for learner in learners {
            let share = learner.maxPoints > 0 ? Double(learner.points) / Double(learner.maxPoints) : 0
            var strip = [
                #"<svg class="strip" viewBox="0 0 \#(format(stripWidth)) \#(format(cell))" width="\#(format(stripWidth))" height="\#(format(cell))">"#
            ]
            for (index, result) in learner.results.enumerated() {
                let name = Self.statusOrder.first { $0.0 == result.verdict.status }?.1 ?? "fail"
                let labels = result.verdict.findingLabels
                let detail = labels.isEmpty ? "" : " [\(labels)]"
                strip.append(
                    #"<rect class="\#(name)" x="\#(format(Double(index) * cell))" y="0" width="\#(format(cell - 1))" height="\#(format(cell))"><title>\#(XML.escape(result.exercise)): \#(result.verdict.status.rawValue) \#(result.verdict.points)/\#(result.verdict.maxPoints)\#(XML.escape(detail))</title></rect>"#
                )
            }
            strip.append("</svg>")
            let notes =
                learner.notes.isEmpty
                ? ""
                : #"<div class="note">\#(learner.notes.map(XML.escape).joined(separator: "<br/>"))</div>"#
            out.append(
                "<tr><td class=\"learner\">\(XML.escape(learner.learner))\(notes)</td><td class=\"file\" title=\"\(XML.escape(learner.file))\">\(XML.escape(Self.fileName(learner.file)))</td><td class=\"number\">\(learner.points)/\(learner.maxPoints)</td><td class=\"number\">\(Self.percent(share))</td><td>\(strip.joined())</td></tr>"
            )
        }
        out.append("</tbody></table></div>")
        return out
    }

    /// The file's last path component (the table's cell; the full path is its tooltip).
    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private static func shortened(_ text: String, to length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }

    /// A coordinate with at most one decimal, the same on every machine.
    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }

    private func format(_ value: Double) -> String { Self.format(value) }

    static let htmlStyle = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR",sans-serif;\
        max-width:1100px;margin:1.5em auto;padding:0 1em;color:#222;line-height:1.45}\
        h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}\
        nav{margin:.5em 0 1em}code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}\
        svg.chart{display:block;max-width:100%;height:auto}\
        svg text{font-family:system-ui,sans-serif;font-size:12px;fill:#333}\
        svg .axis{stroke:#999}svg .bar{fill:#4a78b5}\
        .pass{fill:#3a9b5c;background:#3a9b5c}.fail{fill:#e0913a;background:#e0913a}\
        .error{fill:#c8423b;background:#c8423b}.timeout{fill:#7d55b5;background:#7d55b5}\
        .named{fill:#4a78b5;background:#4a78b5}.finding{fill:#8aa0b8;background:#8aa0b8}\
        .named-text{font-weight:600}.finding-text{font-style:italic}\
        .swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-left:.6em}\
        .legend{font-size:.9em;color:#444}\
        table{border-collapse:collapse;font-size:.9em}th,td{border-bottom:1px solid #eee;padding:.25em .6em;\
        text-align:left;vertical-align:top}th{background:#f6f6f6}td.number{text-align:right;white-space:nowrap}\
        td.file{overflow-wrap:anywhere;max-width:14em;color:#555}td.learner{white-space:nowrap}.note{font-size:.85em;color:#8a5a00;white-space:normal}\
        .scroll{overflow-x:auto;max-width:100%}svg.strip{display:block}\
        .skipped code{overflow-wrap:anywhere}
        """
}
