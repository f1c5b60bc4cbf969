import Foundation

/// Where the shipped catalogs are looked for, so that an installed binary finds them and a missing
/// folder never traps.
///
/// SwiftPM's generated `Bundle.module` calls `fatalError` on Linux when the resource bundle is not
/// next to the binary, so it is never used. Instead, in order, the first of these holding
/// `en/language.json` wins (`EXE` is the running executable's folder, symbolic links resolved):
///
/// 1. `EXE/cnntutor_Wording.resources/Catalogs` — what `swift build` puts next to the binary on
///    Linux (and next to the test runner);
/// 2. `EXE/cnntutor_Wording.bundle/Contents/Resources/Catalogs` and
///    `EXE/cnntutor_Wording.bundle/Catalogs` — the same on macOS;
/// 3. `EXE/../share/cnntutor/Catalogs` — an installed binary (`make install` copies the folder
///    `Sources/Wording/Catalogs` there);
/// 4. this source file's folder's `Catalogs` — a binary run where it was built.
///
/// When none is found the catalogs are empty, `problems` says where they were looked for, and every
/// sentence is written as its key and arguments (the executable warns once).
enum CatalogLocation {
    /// SwiftPM's name for this target's resource bundle: `<package>_<target>`.
    static let bundleName = "cnntutor_Wording"

    static func loadStandard() -> Catalogs {
        let candidates = self.candidates()
        for directory in candidates
        where FileManager.default.fileExists(atPath: directory + "/en/language.json") {
            return Catalogs(directory: directory)
        }
        return Catalogs(
            texts: [:],
            problems: ["no message catalogs found; looked in " + candidates.joined(separator: ", ")])
    }

    /// The folders that may hold the catalogs, most specific first.
    static func candidates() -> [String] {
        var folders: [String] = []
        for executable in executableFolders() {
            folders += [
                executable + "/\(bundleName).resources/Catalogs",
                executable + "/\(bundleName).bundle/Contents/Resources/Catalogs",
                executable + "/\(bundleName).bundle/Catalogs",
                (executable as NSString).deletingLastPathComponent + "/share/cnntutor/Catalogs",
            ]
        }
        folders.append((#filePath as NSString).deletingLastPathComponent + "/Catalogs")
        var seen: Set<String> = []
        return folders.filter { seen.insert($0).inserted }
    }

    /// The running executable's folder, symbolic links resolved (an installed `cnntutor` is often a
    /// link in `~/.local/bin`), and the folder of the bundle holding this code (a macOS test bundle).
    static func executableFolders() -> [String] {
        var paths: [String] = []
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            paths.append(link)
        }
        if let url = Bundle.main.executableURL { paths.append(url.resolvingSymlinksInPath().path) }
        if let first = CommandLine.arguments.first, first.contains("/") {
            paths.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().path)
        }
        var folders = paths.map { ($0 as NSString).deletingLastPathComponent }
        folders.append((Bundle(for: Catalogs.self).bundlePath as NSString).deletingLastPathComponent)
        return folders
    }
}
