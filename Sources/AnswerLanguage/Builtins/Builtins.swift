import CNN

/// Every builtin of the language, arranged as PyTorch arranges them.
///
/// A function is reachable bare (`conv2d`) and through its PyTorch namespace (`torch.zeros`,
/// `F.conv2d`, `torch.nn.functional.conv2d`, `nn.Conv2d`); methods on tensors (`x.sum(dim=1)`)
/// are the same builtins with the tensor passed as the first argument.
enum Builtins {
    /// `torch.*` functions that take a tensor first and are also tensor methods.
    static let tensorFunctions: [Builtin] =
        math + reductions + shapeFunctions + extrema + moreTensorFunctions + vocabularyFunctions
        + moreVocabularyFunctions + elementwiseFunctions + aliasFunctions + sortingFunctions
        + trigonometryFunctions
        + sequenceFunctions + statisticsFunctions + notebookExtras

    /// Functions in `torch.nn.functional` (also under `torch.` where PyTorch has them).
    static let functional: [Builtin] =
        convolutions + activations + moreActivations + pooling + layersAndLosses + moreLosses
        + vocabularyFunctional + aliasFunctional + upsamplingFunctional + normalizationFunctional + pooling1d
        + statisticsFunctional + foldFunctional

    /// `torch.*`: creation, math, reductions, shapes, randomness control.
    static let torchFunctions: [Builtin] =
        creation + moreCreation + tensorFunctions + functional + randomness + devices + broadcastFunctions
        + legacyConstructors + aliasTorchFunctions + statisticsTorchOnly + sampling + methodsAlsoUnderTorch
        + integerTypeFunctions

    /// Methods callable as `x.name(…)`.
    static let tensorMethods: [String: Builtin] = {
        var methods: [String: Builtin] = [:]
        for builtin in tensorFunctions + activations + moreActivations + methodsOnly + moreMethods
            + inPlaceMethods + vocabularyMethods + shapeInPlaceMethods + newTensorMethods
            + aliasMethods + missingDtypeMethods + addedInPlaceMethods + reachMethods + indexPutMethods
            + hookMethods
            + notebookExtraMethods
        {
            methods[builtin.name] = builtin
        }
        return methods
    }()

    /// Attributes of tensors that are values, not methods (for "did you mean" and completion).
    static let tensorProperties = [
        "shape", "grad", "dtype", "requires_grad", "is_leaf", "grad_fn", "ndim", "data", "device", "T", "mT",
        "is_cuda", "itemsize", "nbytes",
    ]

    /// `torch.float32`, … and their PyTorch aliases (`torch.float`, `torch.long`, …).
    static let dtypes: [String: Value] = [
        "float32": .dtype(.float32), "float": .dtype(.float32), "float64": .dtype(.float64),
        "double": .dtype(.float64), "int64": .dtype(.int64), "long": .dtype(.int64), "bool": .dtype(.bool),
        "int32": .dtype(.int32), "int": .dtype(.int32), "int16": .dtype(.int16), "short": .dtype(.int16),
        "int8": .dtype(.int8), "uint8": .dtype(.uint8),
    ]

    /// PyTorch's dtypes the engine does not have, by their `torch.` names, with the dtype each
    /// stands for: refused where they are named, saying which dtypes there are.
    static let missingDtypes: [String: String] = [
        "float16": "float16", "half": "float16", "bfloat16": "bfloat16", "HalfTensor": "float16",
    ]

    /// `torch.nn.functional`, also known as `F`.
    static let functionalNamespace = Namespace(name: "torch.nn.functional", members: members(functional))

    /// `torch.nn`.
    static let nnNamespace = Namespace(
        name: "torch.nn",
        members: members(
            modules + trainableModules + moreModules + vocabularyModules + aliasModules + lossModules
                + upsamplingModules + normalizationModules + layers1d + statisticsModules + foldModules
        ).merging([
            "functional": .namespace(functionalNamespace), "init": .namespace(initNamespace),
            "utils": .namespace(utilsNamespace),
        ]) { $1 }.merging(classMembers) { $1 }
    )

    /// `torch`.
    static let torchNamespace = Namespace(
        name: "torch",
        members: members(torchFunctions + gradModes + [generatorConstructor]).merging(dtypes) { $1 }.merging(
            torchConstants
        ) { $1 }
        .merging([
            "nn": .namespace(nnNamespace), "optim": .namespace(optimNamespace),
            "cuda": .namespace(cudaNamespace), "autograd": .namespace(autogradNamespace),
            "special": .namespace(specialNamespace),
            "utils": .namespace(
                Namespace(name: "torch.utils", members: ["data": .namespace(dataNamespace)])),
        ]) { $1 })

    /// Names bound at the top level before any code runs.
    static let global: [String: Value] = {
        var names = members(
            torchFunctions + python + teaching + modules + trainableModules + moreModules + vocabularyModules
                + aliasModules + lossModules + upsamplingModules + normalizationModules + layers1d
                + statisticsModules + foldModules
                + networks + dataSets + training + iteration + gradModes + pythonMore)
        names["torch"] = .namespace(torchNamespace)
        names["nn"] = .namespace(nnNamespace)
        names["F"] = .namespace(functionalNamespace)
        names["math"] = .namespace(mathNamespace)
        return names
    }()

    /// Binary operators the engine provides beyond `+ - * /`, keyed by operator.
    static let tensorOperators: [BinaryOperator: @Sendable (Tensor, Tensor) throws -> Tensor] = [
        .matmul: { try matrixProduct($0, $1) },
        .floorDivide: { try Tensor.floorDivide($0, $1) },
        .remainder: { try Tensor.remainder($0, $1) },
    ]

    /// `a @ b`: integer matrices multiply to an integer matrix (int64, or int32 from two int32
    /// ones), as in PyTorch.
    static func matrixProduct(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let product = try Tensor.matmul(a, b)
        guard a.kind.isIntegral && b.kind.isIntegral else { return product }
        return try product.converted(
            to: ScalarType(storage: .float32, kind: ElementKind.promoted(a.kind, b.kind)))
    }

    static func members(_ builtins: [Builtin]) -> [String: Value] {
        var result: [String: Value] = [:]
        for builtin in builtins { result[builtin.name] = .function(Function(.builtin(builtin))) }
        return result
    }
}
