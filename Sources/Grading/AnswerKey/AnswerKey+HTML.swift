import Course

extension AnswerKey {
    /// The key as one self-contained, printable HTML file: a table of contents, a points summary,
    /// and per exercise its prompt, reference, engine-computed expected value (aligned matrices and
    /// SVG heatmaps), checks, hints, mistakes and graded wrong answers.
    public func html() -> String {
        var out: [String] = [
            "<!DOCTYPE html>",
            #"<html lang="\#(XML.escape(language.code))">"#,
            "<head>",
            #"<meta charset="utf-8"/>"#,
            "<title>Answer key: \(XML.escape(title))</title>",
            "<style>\(Self.style)</style>",
            "</head>",
            "<body>",
            "<h1>Answer key: \(XML.escape(title))</h1>",
            "<p>Course <code>\(XML.escape(course))</code>, version \(version), language <code>\(XML.escape(language.code))</code>. \(points) points in total. Expected values were computed by running the reference answers on the engine; every wrong answer below was graded when this key was made.</p>",
            #"<nav><h2>Contents</h2><ol>"#,
        ]
        for lesson in lessons {
            out.append(
                "<li><a href=\"#\(XML.escape(lesson.id))\">\(XML.escape(lesson.id)) — \(XML.escape(lesson.title))</a><ol>"
            )
            for exercise in lesson.exercises {
                out.append("<li><a href=\"#\(anchor(exercise))\">\(XML.escape(exercise.id))</a></li>")
            }
            out.append("</ol></li>")
        }
        out.append("</ol></nav>")
        out.append(
            #"<h2>Points</h2><table class="points"><thead><tr><th>lesson</th><th>exercise</th><th>kind</th><th>points</th></tr></thead><tbody>"#
        )
        for lesson in lessons {
            for exercise in lesson.exercises {
                out.append(
                    "<tr><td>\(XML.escape(lesson.id))</td><td>\(XML.escape(exercise.id))</td><td>\(exercise.kind)</td><td>\(exercise.points)</td></tr>"
                )
            }
            out.append(
                #"<tr class="subtotal"><td>\#(XML.escape(lesson.id))</td><td></td><td></td><td>\#(lesson.points)</td></tr>"#
            )
        }
        out.append(
            #"<tr class="total"><td>total</td><td></td><td></td><td>\#(points)</td></tr></tbody></table>"#)
        for lesson in lessons {
            out.append(#"<section class="lesson" id="\#(XML.escape(lesson.id))">"#)
            out.append(
                "<h2>\(XML.escape(lesson.id)) — \(XML.escape(lesson.title)) (\(lesson.points) points)</h2>")
            for exercise in lesson.exercises { out += html(exercise) }
            out.append("</section>")
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    private func anchor(_ exercise: ExerciseKey) -> String {
        XML.escape(exercise.key.replacingOccurrences(of: "/", with: "--"))
    }

    private func html(_ exercise: ExerciseKey) -> [String] {
        var out = [
            #"<article class="exercise" id="\#(anchor(exercise))">"#,
            "<h3>\(XML.escape(exercise.key)) <small>\(exercise.kind), \(exercise.points) point\(exercise.points == 1 ? "" : "s")</small></h3>",
            #"<div class="prompt">\#(MarkdownHTML.render(exercise.prompt))</div>"#,
        ]
        if !exercise.choices.isEmpty {
            out.append("<ul class=\"choices\">")
            out += exercise.choices.map {
                "<li><b>\(XML.escape($0.id))</b>: \(MarkdownHTML.inline($0.text))"
                    + (exercise.why[$0.id].map { " — <i>why not:</i> \(XML.escape($0))" } ?? "") + "</li>"
            }
            out.append("</ul>")
        }
        if let problem = exercise.problem {
            out.append(#"<p class="problem">This exercise cannot be graded: \#(XML.escape(problem))</p>"#)
        }
        if let setup = exercise.setup {
            out.append("<h4>Setup</h4><pre><code>\(XML.escape(setup))</code></pre>")
        }
        out.append("<h4>Reference answer</h4><pre><code>\(XML.escape(exercise.reference))</code></pre>")
        if !exercise.alternatives.isEmpty {
            out.append("<h4>Also accepted</h4><ul>")
            out += exercise.alternatives.map { "<li><code>\(XML.escape($0))</code></li>" }
            out.append("</ul>")
        }
        if exercise.problem == nil {
            out.append("<h4>Expected value <small>(computed by the engine)</small></h4>")
            if let numbers = exercise.expectedNumbers {
                out.append(#"<pre class="matrix">\#(XML.escape(MatrixText.render(numbers)))</pre>"#)
                let planes = min(numbers.planes, MatrixText.planeLimit)
                let maps = (0..<planes).compactMap { plane -> String? in
                    let label = numbers.planes > 1 ? MatrixText.label(plane, of: numbers) : ""
                    return Heatmap.svg(numbers, plane: plane, title: "heatmap \(exercise.key) \(label)").map {
                        #"<figure>\#($0)<figcaption>\#(XML.escape(label))</figcaption></figure>"#
                    }
                }
                if !maps.isEmpty {
                    out.append(#"<div class="heatmaps">"# + maps.joined(separator: "\n") + "</div>")
                }
            } else {
                out.append("<pre>\(XML.escape(exercise.expectedText))</pre>")
            }
        }
        if !exercise.checks.isEmpty {
            out.append("<h4>Checks <small>(each must hold)</small></h4><ul>")
            for check in exercise.checks {
                let points =
                    check.points.map { " (\($0) point\($0 == 1 ? "" : "s") of partial credit)" } ?? ""
                out.append(
                    "<li><b>\(XML.escape(check.id))</b>\(points): <code>\(XML.escape(check.expect))</code>; otherwise: “\(XML.escape(check.message))”</li>"
                )
            }
            out.append("</ul>")
        }
        if !exercise.hints.isEmpty {
            out.append("<h4>Hints</h4><ol>")
            out += exercise.hints.map { "<li>\(MarkdownHTML.inline($0))</li>" }
            out.append("</ol>")
        }
        if !exercise.mistakes.isEmpty {
            out.append("<h4>Named mistakes</h4><ul>")
            out += exercise.mistakes.map {
                "<li><b>\(XML.escape($0.id))</b>\($0.title.map { " (\(XML.escape($0)))" } ?? "") when <code>\(XML.escape($0.when))</code>: “\(XML.escape($0.message))”</li>"
            }
            out.append("</ul>")
        }
        if !exercise.wrongAnswers.isEmpty {
            out.append("<h4>Recorded wrong answers, as the grader judges them</h4>")
            out.append(
                #"<table class="wrong"><thead><tr><th>answer</th><th>recorded mistake</th><th>verdict</th><th>mistake</th><th>findings</th><th>message</th></tr></thead><tbody>"#
            )
            for wrong in exercise.wrongAnswers {
                let agrees = wrong.status == .fail && wrong.mistake == wrong.recordedMistake
                out.append(
                    #"<tr class="\#(agrees ? "agrees" : "disagrees")"><td><code>\#(XML.escape(wrong.answer))</code></td><td>\#(XML.escape(wrong.recordedMistake ?? "none"))</td><td>\#(wrong.status.rawValue) \#(wrong.points)/\#(exercise.points)</td><td>\#(XML.escape(wrong.mistake ?? "none"))</td><td>\#(XML.escape(wrong.findings.joined(separator: "; ")))</td><td><pre>\#(XML.escape(wrong.message))</pre></td></tr>"#
                )
            }
            out.append("</tbody></table>")
        }
        out.append("</article>")
        return out
    }

    static let style = """
        body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}\
        code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap}\
        table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}\
        td pre{margin:0;background:none;padding:0}tr.total,tr.subtotal{font-weight:bold}tr.disagrees{background:#fee}\
        .heatmaps{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{font-size:.8em;text-align:center}\
        .problem{color:#a00;font-weight:bold}\
        @media print{.exercise{break-inside:avoid}nav{break-after:page}a{color:inherit;text-decoration:none}}
        """
}

extension MarkdownHTML {
    /// One line of Markdown as inline HTML (without the paragraph around it).
    static func inline(_ markdown: String) -> String {
        var html = render(markdown).trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }
}
