#if !CNNTUTOR_FUZZING
    import CNN
    import Foundation

    /// Without libFuzzer: runs the files (or every file in the folders) given, as one target, and
    /// says how many ran — the way to reproduce a fuzzer's finding in a debugger.
    ///
    ///     .build/debug/cnntutor-fuzz answer Fuzz/corpus/answer crash-1234
    @main
    enum Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(
                    Data("usage: cnntutor-fuzz answer|course|submission|npy FILE-OR-FOLDER…\n".utf8))
                exit(2)
            }
            var count = 0
            var slowest = (seconds: 0.0, file: "")
            for path in arguments.dropFirst() {
                for file in files(at: path) {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    let start = ComputeBudget.now()
                    target.run([UInt8](data))
                    let seconds = Double(ComputeBudget.now() - start) / 1e9
                    if seconds > slowest.seconds { slowest = (seconds, file) }
                    count += 1
                }
            }
            // The slowest input is how a hang shows: the answer target's limit is 0.2 s per input.
            print(
                "\(count) inputs ran without a crash; the slowest took "
                    + "\(String(format: "%.3f", slowest.seconds)) s (\(slowest.file))")
        }

        /// The file itself, or the regular files in a folder, sorted.
        static func files(at path: String) -> [String] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
            guard isFolder.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().map { path + "/" + $0 }
        }
    }
#endif
