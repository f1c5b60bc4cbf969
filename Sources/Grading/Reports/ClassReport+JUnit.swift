extension ClassReport {
    /// JUnit XML: a test suite per learner, a test case per exercise; `fail` is a `<failure>`,
    /// `error` and `timeout` are `<error>`s.
    func junitReport() -> String {
        let results = learners.flatMap(\.results)
        let failures = results.filter { $0.verdict.status == .fail }.count
        let errors =
            results.filter { $0.verdict.status == .error || $0.verdict.status == .timeout }.count
            + skipped.count
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="\#(XML.escape(course)) v\#(version)" tests="\#(results.count + skipped.count)" failures="\#(failures)" errors="\#(errors)" time="\#(Self.seconds(results))">"#,
        ]
        for learner in learners {
            let suiteFailures = learner.results.filter { $0.verdict.status == .fail }.count
            let suiteErrors = learner.results.filter {
                $0.verdict.status == .error || $0.verdict.status == .timeout
            }.count
            lines.append(
                #"  <testsuite name="\#(XML.escape(learner.learner))" tests="\#(learner.results.count)" failures="\#(suiteFailures)" errors="\#(suiteErrors)" time="\#(Self.seconds(learner.results))">"#
            )
            lines.append(
                #"    <properties><property name="points" value="\#(learner.points)/\#(learner.maxPoints)"/><property name="file" value="\#(XML.escape(learner.file))"/><property name="schema_version" value="\#(Self.schemaVersion)"/></properties>"#
            )
            for result in learner.results {
                let verdict = result.verdict
                let open =
                    #"    <testcase classname="\#(XML.escape(learner.learner))" name="\#(XML.escape(result.exercise))" time="\#(Self.seconds([result]))""#
                let summary =
                    "\(verdict.statusText) \(verdict.points)/\(verdict.maxPoints)"
                    + (verdict.mistake.map { " [\($0)]" } ?? "")
                switch verdict.status {
                case .pass:
                    lines.append(open + "/>")
                case .fail:
                    lines.append(open + ">")
                    lines.append(
                        #"      <failure message="\#(XML.escape(summary))" type="\#(verdict.mistake.map(XML.escape) ?? "fail")">\#(XML.escape(verdict.message + (verdict.findingLabels.isEmpty ? "" : "\nfindings: " + verdict.findingLabels)))</failure>"#
                    )
                    lines.append("    </testcase>")
                case .error, .timeout:
                    lines.append(open + ">")
                    lines.append(
                        #"      <error message="\#(XML.escape(summary))" type="\#(verdict.status.rawValue)">\#(XML.escape(verdict.message))</error>"#
                    )
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        if !skipped.isEmpty {
            lines.append(
                #"  <testsuite name="skipped submissions" tests="\#(skipped.count)" failures="0" errors="\#(skipped.count)" time="0">"#
            )
            for item in skipped {
                lines.append(
                    #"    <testcase classname="submission" name="\#(XML.escape(item.file))" time="0">"#)
                lines.append(
                    #"      <error message="malformed submission" type="submission">\#(XML.escape(item.message))</error>"#
                )
                lines.append("    </testcase>")
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ results: [Result]) -> String {
        let milliseconds = results.reduce(0) { $0 + $1.verdict.durationMilliseconds }
        return "\(milliseconds / 1000).\(String(format: "%03d", milliseconds % 1000))"
    }
}
