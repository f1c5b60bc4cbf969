"""Writes nn_reference.json: forward values and gradients of the NN ops, computed by PyTorch.

Run from this folder:  python make_nn_reference.py   (PyTorch 2.15.0 from PyPI, float64 on CPU).
Each case stores its inputs, keyword arguments, PyTorch's output and the gradients of
sum(output * upstream) for every floating input, so the Swift tests need no PyTorch.
"""
import json

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(20261129)
cases = []


def rand(*shape):
    return torch.randn(shape, generator=gen)


def encode(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def case(op, name, fn, inputs, kwargs, extra=None):
    """Runs fn(*inputs.values(), **kwargs); records output and gradients of the float inputs."""
    leaves = {k: (v.clone().requires_grad_(True) if v.is_floating_point() and k not in ("running_mean", "running_var") else v.clone())
              for k, v in inputs.items()}
    out = fn(*leaves.values(), **kwargs)
    record = {"op": op, "name": name, "kwargs": kwargs,
              "inputs": {k: encode(v) for k, v in inputs.items()}, "output": encode(out)}
    if out.requires_grad:
        upstream = rand(*out.shape)
        (out * upstream).sum().backward()
        record["upstream"] = encode(upstream)
        record["grads"] = {k: encode(v.grad) for k, v in leaves.items() if v.grad is not None}
    if extra:
        record["after"] = {k: encode(f(leaves)) for k, f in extra.items()}
    cases.append(record)


# conv2d: padding int / pair / 'valid' / 'same' (odd and even kernels, dilation), stride, groups, bias.
conv = lambda x, w, b=None, **kw: F.conv2d(x, w, b, **kw)
case("conv2d", "basic 3x3", conv, {"input": rand(2, 3, 5, 6), "weight": rand(4, 3, 3, 3), "bias": rand(4)}, {})
case("conv2d", "stride 2 padding 1", conv, {"input": rand(1, 2, 7, 6), "weight": rand(3, 2, 3, 3), "bias": rand(3)},
     {"stride": 2, "padding": 1})
case("conv2d", "pair stride/padding/dilation", conv, {"input": rand(2, 2, 9, 8), "weight": rand(3, 2, 3, 2)},
     {"stride": [2, 1], "padding": [1, 2], "dilation": [2, 1]})
case("conv2d", "groups 2", conv, {"input": rand(1, 4, 5, 5), "weight": rand(6, 2, 3, 3), "bias": rand(6)},
     {"groups": 2, "padding": 1})
case("conv2d", "depthwise", conv, {"input": rand(2, 3, 4, 5), "weight": rand(3, 1, 3, 3)},
     {"groups": 3, "padding": "same"})
case("conv2d", "valid", conv, {"input": rand(1, 1, 4, 4), "weight": rand(2, 1, 2, 2)}, {"padding": "valid"})
case("conv2d", "same odd kernel", conv, {"input": rand(1, 2, 5, 5), "weight": rand(2, 2, 3, 3)}, {"padding": "same"})
case("conv2d", "same even kernel", conv, {"input": rand(1, 1, 5, 6), "weight": rand(1, 1, 4, 2)}, {"padding": "same"})
case("conv2d", "same even kernel dilated", conv, {"input": rand(1, 1, 6, 6), "weight": rand(1, 1, 2, 3)},
     {"padding": "same", "dilation": [3, 2]})
conv1 = lambda x, w, b=None, **kw: F.conv1d(x, w, b, **kw)
case("conv1d", "stride 2 padding 1", conv1, {"input": rand(2, 2, 9), "weight": rand(3, 2, 3), "bias": rand(3)},
     {"stride": 2, "padding": 1})
case("conv1d", "same even dilated", conv1, {"input": rand(1, 2, 7), "weight": rand(2, 2, 4)},
     {"padding": "same", "dilation": 2})

# pad: every mode, asymmetric amounts, 1-3 padded axes, negative amounts crop.
pad = lambda x, **kw: F.pad(x, **kw)
for mode in ["constant", "reflect", "replicate", "circular"]:
    case("pad", f"{mode} 2d asymmetric", pad, {"input": rand(1, 2, 3, 4)}, {"pad": [1, 2, 2, 0], "mode": mode})
    case("pad", f"{mode} 1d", pad, {"input": rand(2, 1, 5)}, {"pad": [3, 1], "mode": mode})
    case("pad", f"{mode} 3d", pad, {"input": rand(1, 1, 2, 3, 3)}, {"pad": [1, 0, 2, 1, 1, 1], "mode": mode})
case("pad", "constant value", pad, {"input": rand(2, 3)}, {"pad": [1, 1, 1, 1], "mode": "constant", "value": 2.5})
case("pad", "constant negative crops", pad, {"input": rand(1, 1, 4, 5)}, {"pad": [-1, 2, 1, -2]})
case("pad", "constant last dim only of 4d", pad, {"input": rand(2, 2, 2, 2)}, {"pad": [0, 3]})
case("pad", "circular negative", pad, {"input": rand(1, 1, 4, 5)}, {"pad": [-1, 2, 1, -2], "mode": "circular"})

# max_pool2d: stride default = kernel, padding, dilation, ceil_mode (incl. the last-window rule).
mp = lambda x, **kw: F.max_pool2d(x, **kw)
case("max_pool2d", "2x2", mp, {"input": rand(2, 2, 4, 6)}, {"kernel_size": 2})
case("max_pool2d", "3x3 stride 2 pad 1", mp, {"input": rand(1, 2, 7, 6)}, {"kernel_size": 3, "stride": 2, "padding": 1})
case("max_pool2d", "ceil 5 k2", mp, {"input": rand(1, 1, 5, 5)}, {"kernel_size": 2, "ceil_mode": True})
case("max_pool2d", "ceil last window dropped", mp, {"input": rand(1, 1, 5, 5)},
     {"kernel_size": 2, "stride": 2, "padding": 1, "ceil_mode": True})
case("max_pool2d", "ceil pair dilation", mp, {"input": rand(1, 2, 8, 7)},
     {"kernel_size": [3, 2], "stride": [2, 3], "padding": [1, 1], "dilation": [2, 1], "ceil_mode": True})
case("max_pool2d", "3d input", mp, {"input": rand(2, 5, 5)}, {"kernel_size": 2, "stride": 1})

ap = lambda x, **kw: F.avg_pool2d(x, **kw)
case("avg_pool2d", "2x2", ap, {"input": rand(2, 2, 4, 6)}, {"kernel_size": 2})
for include in [True, False]:
    case("avg_pool2d", f"pad 1 ceil include_pad={include}", ap, {"input": rand(1, 2, 5, 6)},
         {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": include})
    case("avg_pool2d", f"ceil last window dropped include_pad={include}", ap, {"input": rand(1, 1, 5, 5)},
         {"kernel_size": 2, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": include})
    case("avg_pool2d", f"ceil partial window include_pad={include}", ap, {"input": rand(1, 1, 6, 7)},
         {"kernel_size": 3, "stride": 2, "ceil_mode": True, "count_include_pad": include})
case("avg_pool2d", "divisor override", ap, {"input": rand(1, 1, 5, 5)},
     {"kernel_size": [2, 3], "stride": [2, 1], "padding": [1, 1], "divisor_override": 4})

aap = lambda x, **kw: F.adaptive_avg_pool2d(x, **kw)
case("adaptive_avg_pool2d", "7x5 to 3x2", aap, {"input": rand(2, 2, 7, 5)}, {"output_size": [3, 2]})
case("adaptive_avg_pool2d", "global", aap, {"input": rand(2, 3, 4, 4)}, {"output_size": 1})
case("adaptive_avg_pool2d", "upsample 3 to 5", aap, {"input": rand(1, 1, 3, 3)}, {"output_size": [5, 4]})

# activations
case("relu", "relu", lambda x: F.relu(x), {"input": rand(3, 4)}, {})
case("leaky_relu", "slope 0.2", lambda x, **kw: F.leaky_relu(x, **kw), {"input": rand(3, 4)}, {"negative_slope": 0.2})
case("sigmoid", "sigmoid", lambda x: torch.sigmoid(x), {"input": rand(3, 4) * 4}, {})
case("tanh", "tanh", lambda x: torch.tanh(x), {"input": rand(3, 4)}, {})
for dim in [0, 1, -1]:
    case("softmax", f"dim {dim}", lambda x, **kw: F.softmax(x, **kw), {"input": rand(2, 3, 4) * 3}, {"dim": dim})
    case("log_softmax", f"dim {dim}", lambda x, **kw: F.log_softmax(x, **kw), {"input": rand(2, 3, 4) * 3}, {"dim": dim})

case("linear", "with bias", lambda x, w, b: F.linear(x, w, b), {"input": rand(2, 3, 4), "weight": rand(5, 4), "bias": rand(5)}, {})
case("linear", "no bias", lambda x, w: F.linear(x, w), {"input": rand(3, 4), "weight": rand(2, 4)}, {})

# batch_norm: training updates running stats with the unbiased variance; evaluation uses them.
for training in [True, False]:
    for shape in [(4, 3, 2, 3), (5, 3)]:
        c = shape[1]
        rm, rv = rand(c), rand(c).abs() + 0.5
        def bn(x, rm_, rv_, w, b, **kw):
            return F.batch_norm(x, rm_, rv_, w, b, **kw)
        inputs = {"input": rand(*shape) * 2 + 1, "running_mean": rm, "running_var": rv, "weight": rand(c), "bias": rand(c)}
        record_inputs = dict(inputs)
        case("batch_norm", f"training={training} {len(shape)}d", bn, record_inputs,
             {"training": training, "momentum": 0.1, "eps": 1e-5},
             extra={"running_mean": lambda l: l["running_mean"], "running_var": lambda l: l["running_var"]})

# cross_entropy with class-index targets: reductions, label smoothing, spatial targets, ignore_index.
ce = lambda x, t, **kw: F.cross_entropy(x, t, **kw)
targets = torch.tensor([2, 0, 1, 2])
for reduction in ["mean", "sum", "none"]:
    case("cross_entropy", f"reduction {reduction}", ce, {"input": rand(4, 3) * 2, "target": targets}, {"reduction": reduction})
case("cross_entropy", "label smoothing", ce, {"input": rand(4, 3) * 2, "target": targets}, {"label_smoothing": 0.1})
case("cross_entropy", "spatial", ce, {"input": rand(2, 3, 2, 2), "target": torch.tensor([[[0, 1], [2, 2]], [[1, 1], [0, 2]]])},
     {"label_smoothing": 0.2})
case("cross_entropy", "ignore_index", ce, {"input": rand(4, 3), "target": torch.tensor([2, -100, 1, 0])}, {})
case("cross_entropy", "unbatched", ce, {"input": rand(5), "target": torch.tensor(3)}, {})

for reduction in ["mean", "sum", "none"]:
    case("mse_loss", f"reduction {reduction}", lambda x, y, **kw: F.mse_loss(x, y, **kw),
         {"input": rand(2, 3), "target": rand(2, 3)}, {"reduction": reduction})

with open("nn_reference.json", "w") as f:
    json.dump({"made_by": "Tests/CNNTests/Fixtures/make_nn_reference.py", "torch": torch.__version__,
               "cases": cases}, f, separators=(",", ":"))
print(len(cases), "cases")
