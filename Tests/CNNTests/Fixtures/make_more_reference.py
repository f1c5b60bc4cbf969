"""Writes more_reference.json: forward values and gradients of the ops added for issue #11
(smooth activations, the clamp boundary, more losses, adaptive max pooling, prod, norm, einsum,
masked_fill, advanced indexing), computed by PyTorch in float64.

Run from this folder:  python make_more_reference.py   (torch 2.15.0 from PyPI, CPU; the venv of
../shared/bench/setup.sh). Same record format as make_nn_reference.py: inputs, keyword arguments,
output, and the gradients of sum(output * upstream) for every floating input.
"""
import json

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(20261206)
cases = []


def rand(*shape):
    return torch.randn(shape, generator=gen)


def encode(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def case(op, name, fn, inputs, kwargs):
    leaves = {k: (v.clone().requires_grad_(True) if v.is_floating_point() and k not in ("weight", "pos_weight") else v.clone())
              for k, v in inputs.items()}
    out = fn(*leaves.values())  # the lambdas hold the arguments; kwargs only records them
    record = {"op": op, "name": name, "kwargs": kwargs,
              "inputs": {k: encode(v) for k, v in inputs.items()}, "output": encode(out)}
    if out.requires_grad:
        upstream = rand(*out.shape)
        (out * upstream).sum().backward()
        record["upstream"] = encode(upstream)
        record["grads"] = {k: encode(v.grad) for k, v in leaves.items() if v.grad is not None}
    cases.append(record)


boundary = torch.tensor([-1.0, 0.0, 0.25, 0.5, 1.0, 2.0, -0.5])
case("elu", "alpha 1", lambda x: F.elu(x), {"input": rand(3, 4)}, {})
case("elu", "alpha 0.5 at 0", lambda x: F.elu(x, alpha=0.5), {"input": boundary}, {"alpha": 0.5})
case("gelu", "none", lambda x: F.gelu(x), {"input": rand(3, 4)}, {"approximate": "none"})
case("gelu", "tanh", lambda x: F.gelu(x, approximate="tanh"), {"input": rand(3, 4)}, {"approximate": "tanh"})
case("silu", "basic", lambda x: F.silu(x), {"input": rand(2, 5)}, {})
case("softplus", "beta 2 threshold 1", lambda x: F.softplus(x, beta=2, threshold=1), {"input": rand(2, 6)},
     {"beta": 2, "threshold": 1})
case("softplus", "default", lambda x: F.softplus(x), {"input": rand(2, 6) * 10}, {})
case("hardtanh", "-0.5..0.5 with boundaries", lambda x: F.hardtanh(x, -0.5, 0.5), {"input": boundary},
     {"min_val": -0.5, "max_val": 0.5})
case("clamp", "0..1 with boundaries", lambda x: x.clamp(0, 1), {"input": boundary}, {"min": 0, "max": 1})
case("clamp", "min 0 with boundary", lambda x: x.clamp(min=0), {"input": boundary}, {"min": 0})
case("clamp", "max 0.5 with boundary", lambda x: x.clamp(max=0.5), {"input": boundary}, {"max": 0.5})
case("l1_loss", "mean", lambda x, t: F.l1_loss(x, t), {"input": rand(3, 4), "target": rand(3, 4)}, {})
case("l1_loss", "none", lambda x, t: F.l1_loss(x, t, reduction="none"), {"input": rand(2, 3), "target": rand(2, 3)},
     {"reduction": "none"})
case("smooth_l1_loss", "beta 0.5", lambda x, t: F.smooth_l1_loss(x, t, beta=0.5),
     {"input": rand(3, 4), "target": rand(3, 4)}, {"beta": 0.5})
case("smooth_l1_loss", "sum beta 1", lambda x, t: F.smooth_l1_loss(x, t, reduction="sum"),
     {"input": rand(3, 4) * 2, "target": rand(3, 4)}, {"reduction": "sum"})
p = torch.sigmoid(rand(3, 4))
case("binary_cross_entropy", "soft targets", lambda x, t: F.binary_cross_entropy(x, t),
     {"input": p, "target": torch.rand(3, 4, generator=gen)}, {})
case("binary_cross_entropy", "weight sum", lambda x, t, w: F.binary_cross_entropy(x, t, weight=w, reduction="sum"),
     {"input": torch.sigmoid(rand(2, 3)), "target": torch.tensor([[1.0, 0, 1], [0, 0, 1]]), "weight": torch.rand(2, 3, generator=gen)},
     {"reduction": "sum"})
case("binary_cross_entropy_with_logits", "basic", lambda x, t: F.binary_cross_entropy_with_logits(x, t),
     {"input": rand(3, 4) * 3, "target": torch.rand(3, 4, generator=gen)}, {})
case("binary_cross_entropy_with_logits", "weight pos_weight",
     lambda x, t, w, pw: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw),
     {"input": rand(2, 3) * 3, "target": torch.rand(2, 3, generator=gen), "weight": torch.rand(2, 3, generator=gen),
      "pos_weight": torch.rand(3, generator=gen) * 2}, {})
logp = torch.log_softmax(rand(4, 3), dim=1)
case("nll_loss", "mean", lambda x, t: F.nll_loss(x, t), {"input": logp, "target": torch.tensor([0, 2, 1, 2])}, {})
case("nll_loss", "weight ignore", lambda x, t, w: F.nll_loss(x, t, weight=w, ignore_index=1),
     {"input": logp, "target": torch.tensor([0, 2, 1, 2]), "weight": torch.tensor([0.5, 2.0, 1.5])},
     {"ignore_index": 1})
case("nll_loss", "spatial none", lambda x, t: F.nll_loss(x, t, reduction="none"),
     {"input": torch.log_softmax(rand(2, 3, 2, 2), dim=1), "target": torch.tensor([[[0, 1], [2, 0]], [[1, 1], [0, 2]]])},
     {"reduction": "none"})
case("cross_entropy_weight", "indices", lambda x, t, w: F.cross_entropy(x, t, weight=w),
     {"input": rand(4, 3), "target": torch.tensor([2, 0, 1, 1]), "weight": torch.tensor([1.0, 3.0, 0.5])}, {})
case("cross_entropy_weight", "probabilities", lambda x, t, w: F.cross_entropy(x, t, weight=w),
     {"input": rand(3, 4), "target": torch.softmax(rand(3, 4), dim=1), "weight": torch.tensor([1.0, 2.0, 0.5, 1.5])}, {})
case("adaptive_max_pool2d", "5x7 to 2x3", lambda x: F.adaptive_max_pool2d(x, (2, 3)), {"input": rand(2, 2, 5, 7)},
     {"output_size": [2, 3]})
case("adaptive_max_pool2d", "4x4 to 3", lambda x: F.adaptive_max_pool2d(x, 3), {"input": rand(1, 3, 4, 4)},
     {"output_size": [3, 3]})
case("prod", "dim 1", lambda x: x.prod(dim=1), {"input": rand(3, 4)}, {"dim": 1})
case("prod", "all with a zero", lambda x: x.prod(), {"input": torch.tensor([2.0, 0.0, -1.5, 3.0])}, {})
case("norm", "2-norm along dim", lambda x: x.norm(dim=1), {"input": rand(3, 4)}, {"dim": 1, "p": 2})
case("norm", "1-norm", lambda x: x.norm(p=1), {"input": rand(3, 4)}, {"p": 1})
case("norm", "3-norm", lambda x: x.norm(p=3), {"input": rand(5)}, {"p": 3})
case("norm", "2-norm of zeros", lambda x: x.norm(), {"input": torch.zeros(3)}, {"p": 2})
case("einsum", "ij,jk->ik", lambda a, b: torch.einsum("ij,jk->ik", a, b), {"input": rand(2, 3), "other": rand(3, 4)},
     {"equation": "ij,jk->ik"})
case("einsum", "bij,bjk->bik", lambda a, b: torch.einsum("bij,bjk->bik", a, b),
     {"input": rand(2, 2, 3), "other": rand(2, 3, 2)}, {"equation": "bij,bjk->bik"})
case("einsum", "nchw->nc", lambda a: torch.einsum("nchw->nc", a), {"input": rand(2, 3, 2, 2)}, {"equation": "nchw->nc"})
case("einsum", "i,j->ij", lambda a, b: torch.einsum("i,j->ij", a, b), {"input": rand(3), "other": rand(2)},
     {"equation": "i,j->ij"})
case("masked_fill", "row mask", lambda x, m: x.masked_fill(m, -1.5),
     {"input": rand(3, 4), "mask": torch.tensor([[True], [False], [True]])}, {"value": -1.5})
case("index_mask", "x[x > 0]", lambda x, m: x[m], {"input": rand(3, 4), "mask": rand(3, 4) > 0}, {})
case("index_mask", "rows", lambda x, m: x[m], {"input": rand(4, 3), "mask": torch.tensor([True, False, True, True])}, {})
case("index_tensor", "x[:, idx] with repeats", lambda x, i: x[:, i], {"input": rand(3, 4), "index": torch.tensor([3, 0, 3, -1])},
     {})
case("index_tensor", "x[idx2d]", lambda x, i: x[i], {"input": rand(4, 2), "index": torch.tensor([[0, 1], [3, 3]])}, {})
case("repeat", "2x3", lambda x: x.repeat(2, 3), {"input": rand(2, 2)}, {"sizes": [2, 3]})
case("repeat", "extra leading", lambda x: x.repeat(2, 1, 2), {"input": rand(3)}, {"sizes": [2, 1, 2]})


def put(x, value, *index):
    y = x.clone()
    y[index] = value
    return y


mask = torch.tensor([[True, False, True, False], [False, False, True, True], [True, False, False, False]])
case("index_put", "mask", lambda x, v, m: put(x, v, m), {"input": rand(3, 4), "value": rand(5), "mask": mask}, {})
case("index_put", "mask broadcast", lambda x, v, m: put(x, v, m), {"input": rand(3, 4), "value": rand(1), "mask": mask},
     {})
case("index_put", "columns", lambda x, v, i: put(x, v, slice(None), i),
     {"input": rand(3, 4), "value": rand(3, 2), "index": torch.tensor([2, 0])}, {})

with open("more_reference.json", "w") as out:
    json.dump({"torch": torch.__version__, "cases": cases}, out)
    out.write("\n")
print(len(cases), "cases with torch", torch.__version__)
