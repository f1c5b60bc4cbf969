#if CNNTUTOR_FUZZING
    import Foundation

    /// The target `make fuzz` chose (`CNNTUTOR_FUZZ_TARGET`: answer, course or submission).
    let fuzzTarget: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["CNNTUTOR_FUZZ_TARGET"] ?? "answer"
        guard let target = FuzzTarget(rawValue: name) else {
            // The fuzzer's own configuration, not an input: stop at once with the reason.
            fatalError("CNNTUTOR_FUZZ_TARGET=\(name): expected answer, course or submission")
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
#endif
