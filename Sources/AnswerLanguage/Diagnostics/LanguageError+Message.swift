import CNN
import Wording

/// An error's message in a learner's language, from the catalogs.
///
/// An error with a `Detail` is said from it in every language, English included, so a sentence is
/// written once per language in `Sources/Wording/Catalogs/<language>/language-errors.json` (and
/// `engine-errors.json` for the engine's refusals). Names, numbers, shapes and code spans are
/// placeholders filled as typed, so a learner can match them against the line. An error without a
/// detail is its `Kind`'s lead-in (`error-kinds.json`) around the English message.
extension LanguageError {
    /// An error said by its detail: the English `message` comes from the English catalog.
    public init(_ kind: Kind, _ detail: Detail, at range: SourceRange? = nil, suggestion: String? = nil) {
        self.init(kind, Self.sentence(detail, in: .english), at: range, suggestion: suggestion)
        self.detail = detail
    }

    /// The message in `language`.
    public func message(in language: Language) -> String {
        if let detail { return Self.sentence(detail, in: language) }
        return language.say(kind, ["message": message])
    }

    /// The sentence `detail` says in `language`.
    static func sentence(_ detail: Detail, in language: Language) -> String {
        let key = LanguageErrorKey.self
        switch detail {
        case .unknown(let thing, let name, let suggestion):
            let meant = suggestion.map { language.say(key.didYouMean, ["name": $0]) } ?? ""
            let what: String
            switch thing {
            case .name: what = language.say(key.unknownName, ["name": name])
            case .member(let namespace):
                what = language.say(key.unknownMember, ["namespace": namespace, "name": name])
            case .tensorAttribute: what = language.say(key.unknownTensorAttribute, ["name": name])
            case .attribute(let type):
                what = language.say(key.unknownAttribute, ["type": type, "name": name])
            case .key: what = language.say(key.unknownKey, ["name": name])
            case .keyword(let function?):
                what = language.say(key.unknownKeyword, ["function": function, "name": name])
            case .keyword(nil): what = language.say(key.unknownLambdaKeyword, ["name": name])
            }
            return what + meant
        case .expected(let expected, let found, let slip):
            let (foundKind, token): (String, String) =
                switch found {
                case .token(let quoted): ("token", quoted)
                case .string: ("string", "")
                case .endOfStatement: ("statement", "")
                case .endOfInput: ("end", "")
                case .indentedLine: ("indent", "")
                case .endOfBlock: ("block", "")
                }
            var text = language.say(
                key.expected, ["expected": language.say(expected), "foundKind": foundKind, "found": token])
            switch slip {
            case .assignment?: text += language.say(key.slipAssignment)
            case .unsupportedKeyword(let keyword)?:
                text += language.say(
                    key.slipKeyword,
                    [
                        "keyword": keyword,
                        "reason": StatementProblem.reason(forKeyword: keyword, in: language),
                    ])
            case .missingOperator?: text += language.say(key.slipMissingOperator)
            case nil: break
            }
            return text
        case .neverClosed(let open): return language.say(key.neverClosed, ["open": open])
        case .unmatched(let close): return language.say(key.unmatched, ["close": close])
        case .mismatchedClose(let close, let open, let location):
            return language.say(
                key.mismatchedClose, ["close": close, "open": open, "location": "\(location)"])
        case .unexpectedCharacter(let shown):
            return language.say(key.unexpectedCharacter, ["character": shown])
        case .unclosedString(let quote): return language.say(key.unclosedString, ["quote": quote])
        case .curlyQuote(let curly, let straight):
            return language.say(key.curlyQuote, ["curly": curly, "straight": straight])
        case .tooManyArguments(let function?, let takes, let given):
            return language.say(key.tooManyArguments, ["function": function, "takes": takes, "given": given])
        case .tooManyArguments(nil, let takes, let given):
            return language.say(key.lambdaTooManyArguments, ["takes": takes, "given": given])
        case .repeatedArgument(let function?, let name):
            return language.say(key.repeatedArgument, ["function": function, "name": name])
        case .repeatedArgument(nil, let name):
            return language.say(key.lambdaRepeatedArgument, ["name": name])
        case .missingArgument(let function, let name):
            return language.say(key.missingArgument, ["function": function, "name": name])
        case .argumentType(let function, let name, let expected, let actual):
            return language.say(
                key.argumentType,
                ["function": function, "name": name, "expected": language.say(expected), "actual": actual])
        case .notAnOption(let function, let name, let options, let given, let suggestion):
            let listed = options.map { "'\($0)'" }.joined(separator: ", ")
            let meant = suggestion.map { language.say(key.didYouMean, ["name": $0]) } ?? ""
            return language.say(
                key.notAnOption, ["function": function, "name": name, "options": listed, "given": given])
                + meant
        case .notCallable(let type): return language.say(key.notCallable, ["type": type])
        case .unsupportedOperands(let op, let left, let right):
            return language.say(key.unsupportedOperands, ["op": op, "left": left, "right": right])
        case .caretIsNotPower(let left, let right):
            return language.say(key.caretIsNotPower, ["left": left, "right": right])
        case .inPlaceOnLeaf: return language.say(key.inPlaceOnLeaf)
        case .deviceUnavailable(let device): return language.say(key.deviceUnavailable, ["device": device])
        case .engine(let engine): return engine.sentence(in: language)
        case .statement(let problem): return problem.sentence(in: language)
        case .said(let sentence, let arguments): return language.say(sentence, arguments)
        case .evaluation(let sentence, let arguments): return language.say(sentence, arguments)
        case .evaluationLines(let lines):
            return lines.map { language.say($0.key, $0.arguments) }.joined(separator: "\n\t")
        }
    }
}

/// The kinds' lead-ins, for errors said without a detail: `{$message}` is the English message.
extension LanguageError.Kind: MessageKey {
    public static let catalog = "error-kinds"
}

/// The sentences of answer-language errors (catalog `language-errors`), one per `Detail` case and
/// its variants.
public enum LanguageErrorKey: String, MessageKey, Sendable {
    public static let catalog = "language-errors"

    /// The word before the message in a diagnostic's header ("error" in English).
    case errorHeader
    case unknownName, unknownMember, unknownTensorAttribute, unknownAttribute, unknownKey, unknownKeyword
    case unknownLambdaKeyword
    /// Appended to an unknown name with a near one.
    case didYouMean
    case expected, slipAssignment, slipKeyword, slipMissingOperator
    case neverClosed, unmatched, mismatchedClose, unexpectedCharacter, unclosedString, curlyQuote
    case tooManyArguments, lambdaTooManyArguments, repeatedArgument, lambdaRepeatedArgument
    case missingArgument, argumentType, notAnOption, notCallable, unsupportedOperands
    /// Said through `Detail.said`, by errors with no case of their own.
    case sequenceIndex, tableIndex, divisionByZero, floorDivisionByZero
    case caretIsNotPower, inPlaceOnLeaf, deviceUnavailable
    case noAttribute, notIndexable, sequenceTakesOneIndex, indicesMustBeIntegers, cannotUnpack, notIterable
    case layerTakesOneTensor, layerTakesATensor, integerDivisionByZero, matmulOfNumbers
    case assignToCall, assignToComparison
    case tensorIndexType, tensorSliceStep, listIndexType, listAssignmentIndex, sliceStepZero, sliceIndexType
    case assignParameter, rangeTakesIntegers, rangeStepZero, iterateScalarTensor, notAContext
    case setsUnsupported, superUsage, gradModeNeedsWith, ambiguousTruth, unaryOperand, comparisonUnsupported
    case noForward, lambdaMissingArgument, repeatedKeyword, emptyIndex
    case numpyRequiresGrad, optimizerOneTensor, optimizerNoParameters, sequentialTakesLayers,
        lenOfScalarTensor
    case notAnInteger, notAFloat, emptySequence, comparesNumbers, tooManyToUnpack, notEnoughToUnpack
    case inPlaceShape, layerAttributeFixed, positionalAfterKeyword, assignToExpression, letterAfterNumber
    case invalidNumber, integerTooLarge, sizeMustBeInts
    case decorators, blockAfterColon, defaultOrder, augmentedTuple, importStar, generatorParentheses
    case negationOverflow, powerOverflow, integerOverflow, floatModuloByZero, zeroToNegativePower,
        complexPower
    case inStringNeedsString, notSearchable, initReturnsValue, classTakesNoArguments
    case superFirstArgument, superNoArguments, superOutsideMethod
    case listOneIndex, dictOneKey, noItemAssignment, noItemDeletion, moduleListTakesLayers
    case classesAreLayers, oneBaseClass
    case decoratorOutsideClass, decoratorNotCallable
    case trainEpochs, trainBatchSize, padMode, reductionMode, paddingMode, popEmpty, popIndex, removeMissing
    case notInList, spreadDict, spreadRepeatedKeyword, spreadSequence, tableKeyType, setComprehension
}

/// What the parser wanted where it found something else (catalog `syntax-expected`): in English a
/// noun phrase after "expected", in other languages whatever their `expected` sentence needs.
public enum SyntaxExpectation: String, MessageKey, Sendable {
    public static let catalog = "syntax-expected"

    case argumentListSeparator, tupleSeparator, listSeparator, subscriptSeparator
    case lambdaColon, conditionalElse, parameterNameOrColon, attributeName, expression
    case endOfExpression, endOfStatement
    // Statements, blocks, comprehensions and f-strings.
    case comprehensionIn, closingBrace, dictColon, dictSeparator, setSeparator, formatFieldEnd,
        closingParenthesis, closingBracket, headerColon, loopIn, functionName, parameterListOpen,
        parameterListSeparator, parameterName, className, baseListSeparator, deleteTarget, declaredName,
        moduleName, aliasName, importKeyword, importedName, importListSeparator, statement
}

/// What an argument must be (catalog `expected-types`): in English a noun phrase after "must be".
public enum ExpectedType: String, MessageKey, Sendable {
    public static let catalog = "expected-types"

    case tensor, tensors, int, oneInt, number, finiteNumber, string, bool, function, layer, model
    case intOrInts, intOrOneInt, intOrTwoInts, ints, dtype, dtype64, float32or64, tensorWithDimensions
    case numberOrNestedList, tensorOrNumbersOrTable, tableOfNumbers, sizedValue, shortcut, batches
    case dimensionOrTensor, dtypeDeviceOrTensor, numberPair, intOrFourInts, parameters, optimizer
}
