import CNN

/// The builtin call that made a built-in layer (`nn.Linear(2, 3)`, `nn.Sequential(a, b)`): what
/// `copy.deepcopy` calls again, with its arguments deep-copied, to make an independent layer of
/// the same kind, whose parameters and buffers are then copied from the original. Built-in layers
/// have no copy of their own; their settings are exactly their constructor's arguments.
struct LayerRecipe {
    /// The layer made (weak: the table must not keep dropped layers alive, and an identifier
    /// reused by a later layer must not find this recipe).
    weak var layer: AnyObject?
    let builtin: Builtin
    let arguments: [EvaluatedArgument]
}

extension Evaluator {
    /// The most recipes kept: a loop making layers must not grow the table without bound.
    static let recipeLimit = 10_000

    /// Remembers how `result` was made when it is a new built-in layer: one not among the call's
    /// own arguments (`model.eval()` and `seq.append(x)` return their receiver) and not a class
    /// written here (copied attribute by attribute instead).
    func recordRecipe(of result: Value, _ builtin: Builtin, _ arguments: [EvaluatedArgument]) {
        guard case .module(let layer) = result, !(layer is UserModule),
            layerRecipes[ObjectIdentifier(layer)]?.layer !== layer,
            !arguments.contains(where: { argument in
                if case .module(let given) = argument.value { return given === layer }
                return false
            })
        else { return }
        // Recipes of dropped layers are let go when the table doubles (amortised constant work
        // per layer made): a dropped Sequential's recipe must not keep its children alive.
        if layerRecipes.count >= recipePruneCount {
            layerRecipes = layerRecipes.filter { $0.value.layer != nil }
            recipePruneCount = max(16, 2 * layerRecipes.count)
            guard layerRecipes.count < Self.recipeLimit else { return }
        }
        layerRecipes[ObjectIdentifier(layer)] = LayerRecipe(
            layer: layer, builtin: builtin, arguments: arguments)
    }
}
