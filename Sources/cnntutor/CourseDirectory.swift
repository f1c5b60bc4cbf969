import ArgumentParser
import Course
import Foundation

/// Which course a command works on, so `cnntutor` runs from any directory once installed.
///
/// The first that holds a `course.yaml` wins: `--course DIR`, `$CNNTUTOR_COURSE`, `./Lessons`,
/// the installed course beside the binary (`<prefix>/bin/cnntutor` → `<prefix>/share/cnntutor`),
/// and, for `cnntutor learn` run from a checkout's `.build/<config>/`, that checkout's `Lessons`. A
/// `--course` or `$CNNTUTOR_COURSE` that holds no course is an error, not a reason to look further:
/// the learner named it. Only the executable reads the environment, so this lives here.
enum CourseDirectory {
    /// Where a course was looked for, and what was found there.
    struct Search {
        /// Each place looked, in order: a description and the path.
        var looked: [(what: String, path: String)]
        /// The course folder found, if any.
        var found: String?
        /// The named place (`--course` or `$CNNTUTOR_COURSE`) that holds no course, if one was named.
        var namedButMissing: (what: String, path: String)? = nil

        /// What to tell someone when no course was found: where it looked and how to name one.
        var message: String {
            if let named = namedButMissing {
                return "no course in \(named.path) (\(named.what)): it has no course.yaml. "
                    + "Point at the folder holding course.yaml."
            }
            let places = looked.map { "  \($0.path)  (\($0.what))" }.joined(separator: "\n")
            return """
                no course found. Looked for course.yaml in:
                \(places)
                Name one with --course DIR or CNNTUTOR_COURSE=DIR, run from a folder holding Lessons/, \
                or install the course with `make install`.
                """
        }
    }

    /// The search from this process's option, environment, current directory and binary.
    /// - Parameter checkout: Also look in the checkout a development binary was built in.
    static func search(option: String?, checkout: Bool = false) -> Search {
        search(
            option: option, environment: ProcessInfo.processInfo.environment,
            binary: executablePath(), checkout: checkout,
            exists: { FileManager.default.fileExists(atPath: $0) })
    }

    /// The search from explicit inputs (the rule itself, testable on its own).
    /// - Parameters:
    ///   - binary: The running executable's real path, if known.
    ///   - exists: Whether a file exists (a test passes its own).
    static func search(
        option: String?, environment: [String: String], binary: String?, checkout: Bool = false,
        exists: (String) -> Bool
    ) -> Search {
        func holdsCourse(_ directory: String) -> Bool { exists(join(directory, "course.yaml")) }
        if let option, !option.isEmpty {
            let named = (what: "--course", path: option)
            return holdsCourse(option)
                ? Search(looked: [named], found: option) : Search(looked: [named], namedButMissing: named)
        }
        if let variable = environment["CNNTUTOR_COURSE"], !variable.isEmpty {
            let named = (what: "$CNNTUTOR_COURSE", path: variable)
            return holdsCourse(variable)
                ? Search(looked: [named], found: variable) : Search(looked: [named], namedButMissing: named)
        }
        var looked: [(what: String, path: String)] = [("the current directory", "Lessons")]
        if let binary {
            let bin = (binary as NSString).deletingLastPathComponent
            let prefix = (bin as NSString).deletingLastPathComponent
            looked.append(("installed beside the binary", join(prefix, "share/cnntutor")))
            // A checkout's .build/<triple>/<config>/cnntutor (or .build/<config>/cnntutor).
            var build = prefix
            while checkout && !build.isEmpty && build != "/"
                && (build as NSString).lastPathComponent != ".build"
            {
                build = (build as NSString).deletingLastPathComponent
            }
            if checkout && (build as NSString).lastPathComponent == ".build" {
                looked.append(
                    (
                        "the checkout the binary was built in",
                        join((build as NSString).deletingLastPathComponent, "Lessons")
                    ))
            }
        }
        let found = looked.first { holdsCourse($0.path) }?.path
        return Search(looked: looked, found: found)
    }

    /// The course folder for a command, or a message on standard error and exit status 2.
    static func resolve(option: String?, checkout: Bool = false) throws -> String {
        let search = search(option: option, checkout: checkout)
        guard let found = search.found else {
            InstructorOutput.error(search.message)
            throw ExitCode(2)
        }
        return found
    }

    /// Loads the course a command works on; any problem is told and exits with status 2.
    static func load(option: String?, checkout: Bool = false) throws -> Course {
        let path = try resolve(option: option, checkout: checkout)
        do {
            return try CourseLoader.load(at: path)
        } catch {
            InstructorOutput.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// The running executable's real path: `/proc/self/exe` on Linux, else `argv[0]` when it is a path.
    static func executablePath() -> String? {
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return real
        }
        let first = CommandLine.arguments.first ?? ""
        guard first.contains("/") else { return nil }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath().path
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
