"""core.bptt: the hand-written backward pass against autograd, finite differences and properties."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest
import torch

from core.bptt import (
    ACTIVATIONS,
    ElmanRNN,
    ExampleSetup,
    autograd_bptt,
    autograd_max_diff,
    bptt_example,
    clip_by_global_norm,
    cut_mask,
    distance_lab,
    example_finite_difference,
    finite_difference,
    forget_gate_product,
    global_norm,
    jacobian_norms,
    lab_sequence,
    make_example_model,
    make_recurrent,
    next_token_pairs,
    rnn_jacobian_product_norms,
    set_spectral_radius,
    spectral_radius,
    trace_bptt,
    train_with_clipping,
    truncated_example,
    truncation_curve,
)
from core.lstm import make_lstm
from core.text import TokenizerSpec

TOL = 1e-12


def problem(T: int = 9, d: int = 3, H: int = 5, V: int = 7, radius: float = 0.9, seed: int = 0):
    rnn, head = make_example_model(d, H, V, radius=radius, seed=seed)
    rng = np.random.default_rng(seed)
    return rnn, head, rng.normal(size=(T, d)), rng.integers(0, V, size=T)


def rel_diff(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / max(1.0, float(np.max(np.abs(b)))))


# --- the backward pass equals autograd ------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("truncate", [None, 1, 2, 3, 9, 50])
def test_trace_equals_autograd_full_and_truncated(seed, truncate):
    rnn, head, x, y = problem(seed=seed, radius=[0.5, 1.2, 2.5][seed])
    trace = trace_bptt(rnn, head, x, y, truncate)
    ref = autograd_bptt(rnn, head, x, y, truncate)
    assert trace.grads.keys() == ref.grads.keys() == {
        "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "head.weight", "head.bias"}
    assert autograd_max_diff(trace, ref) < TOL
    assert rel_diff(trace.dh, ref.dh) < TOL


def test_forward_equals_the_module_and_cross_entropy():
    rnn, head, x, y = problem(T=12)
    trace = trace_bptt(rnn, head, x, y)
    with torch.no_grad():
        out, _ = rnn(torch.as_tensor(x))
        losses = torch.nn.functional.cross_entropy(head(out), torch.as_tensor(y), reduction="none")
    assert np.max(np.abs(trace.h - out.numpy())) < TOL
    assert np.max(np.abs(trace.losses - losses.numpy())) < TOL
    assert abs(trace.loss - float(losses.sum())) < TOL


def test_truncation_equals_the_module_run_block_by_block():
    """Independent reference: torch.nn.RNN over each block [k·b, k·(b+1)), state detached in between."""
    rnn, head, x, y = problem(T=10, radius=1.5)
    k = 3
    r, hd = copy.deepcopy(rnn), copy.deepcopy(head)
    h = torch.zeros(1, r.hidden_size, dtype=torch.float64)
    outs = []
    for start in range(0, 10, k):
        out, h = r(torch.as_tensor(x[start : start + k]), h.detach())
        outs.append(out)
    loss = torch.nn.functional.cross_entropy(hd(torch.cat(outs)), torch.as_tensor(y), reduction="sum")
    loss.backward()
    trace = trace_bptt(rnn, head, x, y, k)
    for name, p in r.named_parameters():
        assert rel_diff(trace.grads[name], p.grad.numpy()) < TOL, name
    assert rel_diff(trace.grads["head.weight"], hd.weight.grad.numpy()) < TOL


def test_each_steps_contribution_is_the_gradient_of_that_steps_copy_of_the_weights():
    """Give every step its own copy of every weight: autograd's gradient of copy t is step t's share."""
    rnn, head, x, y = problem(T=6)
    trace = trace_bptt(rnn, head, x, y)
    T, H = 6, rnn.hidden_size
    base = {n: p.detach() for n, p in rnn.named_parameters()}
    copies = {n: [p.clone().requires_grad_() for _ in range(T)] for n, p in base.items()}
    V = [head.weight.detach().clone().requires_grad_() for _ in range(T)]
    c = [head.bias.detach().clone().requires_grad_() for _ in range(T)]
    h = torch.zeros(H, dtype=torch.float64)
    loss = torch.zeros((), dtype=torch.float64)
    xs = torch.as_tensor(x)
    for t in range(T):
        h = torch.tanh(copies["weight_ih_l0"][t] @ xs[t] + copies["bias_ih_l0"][t]
                       + copies["weight_hh_l0"][t] @ h + copies["bias_hh_l0"][t])
        z = V[t] @ h + c[t]
        loss = loss - torch.log_softmax(z, 0)[int(y[t])]
    loss.backward()
    for name, per_step in copies.items():
        for t in range(T):
            assert np.max(np.abs(trace.contributions[name][t] - per_step[t].grad.numpy())) < TOL
    for t in range(T):
        assert np.max(np.abs(trace.contributions["head.weight"][t] - V[t].grad.numpy())) < TOL
        assert np.max(np.abs(trace.contributions["head.bias"][t] - c[t].grad.numpy())) < TOL
    # A shared weight's gradient is the sum of the steps' shares.
    assert np.max(np.abs(trace.grads["weight_hh_l0"] - trace.contributions["weight_hh_l0"].sum(0))) < TOL


def test_the_delta_recurrence_on_screen():
    rnn, head, x, y = problem(T=7)
    tr = trace_bptt(rnn, head, x, y)
    W_hh, V = tr.W_hh, tr.V
    onehot = np.eye(V.shape[0])[y]
    assert np.allclose(tr.err, tr.probs - onehot, atol=TOL)
    assert np.allclose(tr.dh[-1], V.T @ (tr.probs[-1] - onehot[-1]), atol=TOL)  # δ_T: output road only
    for t in range(6):
        expected = W_hh.T @ (tr.dh[t + 1] * (1 - tr.h[t + 1] ** 2)) + V.T @ (tr.probs[t] - onehot[t])
        assert np.allclose(tr.dh[t], expected, atol=TOL)


def test_truncation_cuts_exactly_the_block_boundaries():
    rnn, head, x, y = problem(T=10)
    assert cut_mask(10, 3).tolist() == [t in (3, 6, 9) for t in range(10)]
    assert not cut_mask(10, None).any() and not cut_mask(10, 10).any()
    tr = trace_bptt(rnn, head, x, y, 3)
    assert np.all(tr.dh_rec[[2, 5, 8, 9]] == 0)  # nothing flows back across a boundary (or past T)
    assert np.all(np.abs(tr.dh_rec[[0, 1, 3, 4]]).sum(axis=1) > 0)
    one = trace_bptt(rnn, head, x, y, 1)
    assert np.all(one.dh_rec == 0) and np.allclose(one.dh, one.dh_out)
    full, wide = trace_bptt(rnn, head, x, y), trace_bptt(rnn, head, x, y, 10)
    assert all(np.array_equal(full.grads[n], wide.grads[n]) for n in full.grads)
    assert np.array_equal(one.grads["head.weight"], full.grads["head.weight"])  # forward unchanged


def test_truncation_curve_reaches_one_at_k_equal_T():
    rnn, head, x, y = problem(T=8, radius=2.0)
    curve = truncation_curve(rnn, head, x, y)
    assert curve.k.tolist() == list(range(1, 9))
    assert curve.cosine[-1] == pytest.approx(1.0, abs=1e-12)
    assert curve.norm_ratio[-1] == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.abs(curve.cosine) <= 1 + 1e-12)
    assert curve.cosine[0] < 0.99  # with a strong W_hh, cutting every step loses real gradient


# --- finite differences ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                  "head.weight", "head.bias"])
def test_finite_differences_agree_with_backprop(name):
    rnn, head, x, y = problem(T=8, radius=1.3)
    rng = np.random.default_rng(5)
    shape = trace_bptt(rnn, head, x, y).grads[name].shape
    for _ in range(3):
        index = tuple(int(rng.integers(0, n)) for n in shape)
        fd = finite_difference(rnn, head, x, y, name, index, eps=1e-5)
        assert abs(fd.numeric - fd.backprop) < 1e-7 * max(1.0, abs(fd.backprop)), (name, index, fd)
    before = {n: p.detach().clone() for n, p in rnn.named_parameters()}
    finite_difference(rnn, head, x, y, name, (0,) * len(shape))
    assert all(torch.equal(before[n], p) for n, p in rnn.named_parameters())  # modules untouched


def test_finite_difference_rejects_unknown_parameters():
    rnn, head, x, y = problem()
    with pytest.raises(ValueError):
        finite_difference(rnn, head, x, y, "nope", (0,))


# --- clipping -----------------------------------------------------------------------------------


def grads_dict(rng: np.random.Generator, scale: float) -> dict[str, np.ndarray]:
    return {"a": rng.normal(size=(4, 3)) * scale, "b": rng.normal(size=5) * scale}


@pytest.mark.parametrize("scale", [1e-3, 0.5, 1.0, 30.0, 1e6])
@pytest.mark.parametrize("max_norm", [0.1, 1.0, 5.0])
def test_clipping_matches_torch_clip_grad_norm(scale, max_norm):
    grads = grads_dict(np.random.default_rng(0), scale)
    params = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads.values()]
    for p, g in zip(params, grads.values(), strict=True):
        p.grad = torch.as_tensor(g).clone()
    torch_norm = torch.nn.utils.clip_grad_norm_(params, max_norm)
    ours = clip_by_global_norm(grads, max_norm)
    assert ours.norm_before == pytest.approx(float(torch_norm), rel=1e-12)
    for p, name in zip(params, grads, strict=True):
        assert np.max(np.abs(ours.grads[name] - p.grad.numpy())) < 1e-12 * max(1.0, scale)


def test_clipping_properties():
    grads = grads_dict(np.random.default_rng(1), 10.0)
    res = clip_by_global_norm(grads, 1.0)
    flat = np.concatenate([g.ravel() for g in grads.values()])
    clipped = np.concatenate([g.ravel() for g in res.grads.values()])
    assert res.clipped and res.norm_after <= 1.0 + 1e-9
    assert res.norm_before == pytest.approx(np.linalg.norm(flat))
    cosine = flat @ clipped / (np.linalg.norm(flat) * np.linalg.norm(clipped))
    assert cosine == pytest.approx(1.0)  # the direction is kept
    assert res.norms_before["a"] == pytest.approx(np.linalg.norm(grads["a"]))
    small = clip_by_global_norm(grads, 1e6)
    assert not small.clipped and all(np.array_equal(small.grads[n], grads[n]) for n in grads)
    with pytest.raises(ValueError):
        clip_by_global_norm(grads, 0.0)


def test_clipping_cannot_rescue_inf_and_says_so():
    grads = {"a": np.array([1.0, np.inf]), "b": np.array([2.0])}
    res = clip_by_global_norm(grads, 1.0)
    assert not res.finite and math.isinf(res.norm_before)
    assert np.isnan(res.grads["a"][1])  # Inf · 0 = NaN, as in PyTorch
    params = [torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))]
    params[0].grad = torch.tensor([1.0, np.inf], dtype=torch.float64)
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    assert torch.isnan(params[0].grad[1])
    assert math.isnan(global_norm({"a": np.array([np.nan])}))


def test_global_norm_does_not_overflow_on_huge_finite_gradients():
    g = {"a": np.full(4, 1e200)}
    assert global_norm(g) == pytest.approx(2e200)


# --- gradient size against distance -----------------------------------------------------------


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_elman_rnn_equals_torch_rnn(activation):
    torch_rnn = make_recurrent("rnn", 3, 4, activation=activation, radius=1.1, dtype=torch.float64)
    ours = ElmanRNN(3, 4, activation, dtype=torch.float64)
    ours.load_state_dict(torch_rnn.state_dict())
    x = torch.randn(7, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    h0 = torch.randn(1, 4, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    for args in ((x,), (x, h0), (x[:, None].expand(7, 2, 3),)):
        a, b = ours(*args), torch_rnn(*args)
        assert torch.max(torch.abs(a[0] - b[0])) < TOL and torch.max(torch.abs(a[1] - b[1])) < TOL


def test_spectral_radius_is_set_in_every_gate_block():
    lstm = set_spectral_radius(make_lstm(3, 5, seed=2), 1.7)
    for g in range(4):
        assert spectral_radius(lstm.weight_hh_l0[g * 5 : (g + 1) * 5].detach().numpy()) == pytest.approx(1.7)
    rnn = make_recurrent("rnn", 3, 6, radius=0.3, dtype=torch.float64)
    assert spectral_radius(rnn.weight_hh_l0.detach().numpy()) == pytest.approx(0.3)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_autograd_jacobians_equal_the_product_of_jacobians(activation):
    module = make_recurrent("rnn", 4, 6, activation=activation, radius=1.2, dtype=torch.float64)
    x = np.random.default_rng(0).normal(size=(15, 4))
    assert rel_diff(jacobian_norms(module, x), rnn_jacobian_product_norms(module, x)) < 1e-10


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_state_jacobians_of_gated_models_equal_torch_functional_jacobian(kind):
    """Independent check: ∂h_T/∂s_t by torch.autograd.functional.jacobian of the remaining steps."""
    module = make_recurrent(kind, 3, 4, radius=1.0, forget_bias=1.0, dtype=torch.float64)
    x = torch.as_tensor(np.random.default_rng(1).normal(size=(6, 3)))
    n_state = 2 if kind == "lstm" else 1

    def run(xs: torch.Tensor, state: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, ...]:
        if kind == "lstm":
            _, (h, c) = module(xs, (state[0], state[1]))
            return h, c
        _, h = module(xs, state[0])
        return (h,)

    norms = jacobian_norms(module, x.numpy())
    states = []  # the state entering each step
    with torch.no_grad():
        s = (torch.zeros(1, 4, dtype=torch.float64),) * n_state
        for t in range(6):
            states.append(s)
            s = run(x[t : t + 1], s)
    for t in (0, 3, 5):
        def h_T(flat: torch.Tensor, t: int = t) -> torch.Tensor:
            return run(x[t:], tuple(flat.reshape(n_state, 1, 4)))[0][0]

        J = torch.autograd.functional.jacobian(h_T, torch.cat([p.reshape(-1) for p in states[t]]))
        assert norms[t] == pytest.approx(np.linalg.norm(J.numpy(), 2), rel=1e-10)  # J: (H, n_state·H)


def test_forget_gate_product_is_the_cell_jacobian_when_gates_ignore_the_state():
    """With W_hh = 0 the gates do not depend on h, so ∂c_T/∂c_t = diag(∏ f_j) exactly."""
    lstm = make_lstm(3, 4, forget_bias=1.5, seed=3)
    with torch.no_grad():
        lstm.weight_hh_l0.zero_()
    x = torch.as_tensor(np.random.default_rng(2).normal(size=(8, 3)))
    prod = forget_gate_product(lstm, x.numpy())
    for t in (0, 4, 7):
        with torch.no_grad():
            h = c = torch.zeros(1, 4, dtype=torch.float64)
            for j in range(t):
                _, (h, c) = lstm(x[j : j + 1], (h, c))
        c_t = c.clone().requires_grad_()
        _, (_, c_T) = lstm(x[t:], (h, c_t))
        J = torch.stack([torch.autograd.grad(c_T[0, i], c_t, retain_graph=True)[0][0] for i in range(4)])
        assert np.allclose(J.numpy(), np.diag(np.diag(J.numpy())), atol=1e-14)  # diagonal
        assert prod[t] == pytest.approx(float(np.diag(J.numpy()).mean()), rel=1e-12)
    assert np.all(np.diff(prod) > 0) and np.all(prod < 1)  # longer distance, smaller product


def test_vanishing_and_exploding_are_measured_and_overflow_is_flagged():
    x, y = lab_sequence([2, 5, 6, 7, 3], 8, 80)
    vanish = distance_lab(x, y, 8, activation="sigmoid", radius=0.5, dtype="float64")
    assert vanish.rnn.norms[0] < 1e-20 < vanish.rnn.norms[-1]  # far steps vanish
    assert vanish.rnn.first_nonfinite is None
    assert vanish.lstm.norms[0] > vanish.rnn.norms[0]  # the LSTM mitigates …
    assert vanish.forget_product[0] < 1e-3  # … but its ∏ f still decays
    explode = distance_lab(x, y, 8, activation="relu", radius=4.0, dtype="float32")
    assert explode.rnn.first_nonfinite is not None  # float32 overflowed: Inf/NaN, no exception
    assert np.isfinite(explode.rnn.norms[-1]) and explode.rnn.norms[-1] > 0
    assert not np.isfinite(explode.grads["weight_hh_l0"]).all() or global_norm(explode.grads) > 1e30


def test_clipping_tames_an_exploding_training_run():
    x, y = lab_sequence([2, 5, 6, 7, 3], 8, 40)
    run = train_with_clipping(x, y, 8, activation="relu", radius=2.0, max_norm=1.0, steps=10)
    assert not np.isfinite(run.loss_plain).all()  # without clipping it breaks down
    assert np.isfinite(run.loss_clipped).all() and run.loss_clipped[-1] < run.loss_clipped[0]


# --- the page's example -----------------------------------------------------------------------


def test_next_token_pairs_repeat_the_text():
    inputs, targets = next_token_pairs([2, 9, 8, 3])
    assert inputs.tolist() == [2, 9, 8] and targets.tolist() == [9, 8, 3]
    inputs, targets = next_token_pairs([2, 9, 3], length=7)
    assert inputs.tolist() == [2, 9, 3, 2, 9, 3, 2] and targets.tolist() == [9, 3, 2, 9, 3, 2, 9]
    with pytest.raises(ValueError):
        next_token_pairs([2])


def test_example_on_the_learners_sentence():
    setup = ExampleSetup(("나는 오늘 학교에 간다", "고양이가 잔다"), TokenizerSpec("word"), 0)
    ex = bptt_example(setup)
    assert ex.tokens == ("<bos>", "나는", "오늘", "학교에", "간다", "<eos>")
    assert ex.trace.T == 5 and ex.trace.targets.tolist() == ex.ids[1:].tolist()
    assert ex.autograd_diff < TOL and ex.radius == pytest.approx(0.9)
    assert len(ex.itos) == 4 + 6  # specials + the words of both lines
    trace, diff = truncated_example(setup, 2)
    assert trace.truncate == 2 and diff < TOL and trace.cut.tolist() == [False, False, True, False, True]
    fd = example_finite_difference(setup, "head.bias", (3,))
    assert fd.backprop == pytest.approx(ex.trace.grads["head.bias"][3], abs=1e-15)
    assert abs(fd.numeric - fd.backprop) < 1e-7
