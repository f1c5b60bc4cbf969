#if CNNTUTOR_FUZZING
    import Foundation

    /// The target `make fuzz` chose (`CNNTUTOR_FUZZ_TARGET`: answer, course, submission or npy).
    let fuzzTarget: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["CNNTUTOR_FUZZ_TARGET"] ?? "answer"
        guard let target = FuzzTarget(rawValue: name) else {
            // The fuzzer's own configuration, not an input: stop at once with the reason.
            fatalError("CNNTUTOR_FUZZ_TARGET=\(name): expected answer, course, submission or npy")
        }
        return target
    }()

    /// libFuzzer's entry point: one input, any bytes.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        fuzzTarget.run(bytes)
        return 0
    }

    /// libFuzzer's driver (its `main` without being `main`), from `libclang_rt.fuzzer`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The executable's entry point as SwiftPM names it (`<module>_main`, which its link step
    /// aliases to `main` so tests could import the module): hands the command line to libFuzzer.
    @_cdecl("cnntutor_fuzz_main")
    public func fuzzerMain(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
    }
#endif
