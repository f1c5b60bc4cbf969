# Writes the .npy fixtures of NPYTests.swift; run from this folder with numpy 2.x:
#     python3 make_npy_fixtures.py
# Each line below is the numpy call that wrote the file it names.
import numpy as np

a = np.array([[1.5, -2.0, 3.25], [0.0, 1e-3, -7.5]])
np.save("float32.npy", a.astype(np.float32))
np.save("float64.npy", a.astype(np.float64))
np.save("int32.npy", np.array([[1, -2, 3], [4, 5, -6]], dtype=np.int32))
np.save("int64.npy", np.array([[1, -2, 3], [4, 5, -6]], dtype=np.int64))
np.save("uint8.npy", np.array([0, 1, 127, 255], dtype=np.uint8))
np.save("bool.npy", np.array([[True, False], [False, True]]))
np.save("scalar.npy", np.float32(2.5))
np.save("big_endian.npy", np.array([1.0, -2.0], dtype=">f4"))
np.save("fortran.npy", np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
np.save("complex.npy", np.array([1 + 2j], dtype=np.complex64))
np.save("float16.npy", np.array([1.0], dtype=np.float16))
# The conv2d example of `cnntutor eval` (Tests/CLITests/EvalCommandTests.swift).
rng = np.random.default_rng(0)
np.save("conv_x.npy", rng.standard_normal((1, 2, 5, 5)).astype(np.float32))
np.save("conv_w.npy", rng.standard_normal((3, 2, 3, 3)).astype(np.float32))
np.save("conv_g.npy", rng.standard_normal((1, 3, 3, 3)).astype(np.float32))
# Expected results of that example, by the definition of PyTorch's conv2d (cross-correlation)
# with stride 2 and padding 1, and its gradient with respect to x for upstream gradient g.
x, w, g = np.load("conv_x.npy").astype(np.float64), np.load("conv_w.npy").astype(np.float64), np.load("conv_g.npy").astype(np.float64)
xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
y = np.zeros((1, 3, 3, 3))
dxp = np.zeros_like(xp)
for k in range(3):
    for i in range(3):
        for j in range(3):
            y[0, k, i, j] = np.sum(xp[0, :, 2 * i:2 * i + 3, 2 * j:2 * j + 3] * w[k])
            dxp[0, :, 2 * i:2 * i + 3, 2 * j:2 * j + 3] += g[0, k, i, j] * w[k]
np.save("conv_y.npy", y.astype(np.float32))
np.save("conv_dx.npy", dxp[:, :, 1:-1, 1:-1].astype(np.float32))
