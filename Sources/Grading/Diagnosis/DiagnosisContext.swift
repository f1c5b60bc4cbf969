/// What the grader knows about an exercise that helps explain a wrong answer: the kernel sizes and
/// padding its setup and reference use, and the value the reference gives with its kernels rotated
/// by 180° (computed on the engine).
struct DiagnosisContext: Sendable {
    /// Spatial sizes of the kernels bound by the setup (4-D weights' last dimensions).
    var kernelSizes: [Int] = []
    /// The padding the reference passes (`padding=p`), if a plain integer.
    var padding: Int?
    /// The reference's value with every setup kernel rotated by 180°.
    var flippedKernelExpected: NumericArray?
}
