"""core.gru against torch.nn.GRU: the hand-written trace must reproduce the module exactly."""

import numpy as np
import pytest
import torch

from core.gru import gru_param_count, make_gru, trace_gru

ATOL = 1e-12
# σ(800) is exactly 1 in float64 (exp(-800) underflows to 0): a gate pinned open by its bias.
SATURATE = 800.0


def _reference(module: torch.nn.GRU, x: np.ndarray, h0: np.ndarray | None):
    """Run the PyTorch module itself (the independent reference) on unbatched input."""
    with torch.no_grad():
        xt = torch.as_tensor(x, dtype=torch.float64)
        out, h_n = module(xt) if h0 is None else module(xt, torch.as_tensor(h0))
    return out.numpy(), h_n.numpy()


def _random_case(module: torch.nn.GRU, T: int, with_h0: bool, seed: int = 1):
    rng = np.random.default_rng(seed)
    D = 2 if module.bidirectional else 1
    x = rng.standard_normal((T, module.input_size))  # (T, in)
    h0 = rng.standard_normal((D * module.num_layers, module.hidden_size)) if with_h0 else None
    return x, h0


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def _with_gate_bias(module: torch.nn.GRU, gate: int, value: float) -> torch.nn.GRU:
    """A copy of a one-layer GRU whose bias_ih slice for gate 0 (r) or 1 (z) is ``value``."""
    copy = torch.nn.GRU(module.input_size, module.hidden_size, dtype=torch.float64)
    copy.load_state_dict(module.state_dict())
    H = module.hidden_size
    with torch.no_grad():
        copy.bias_ih_l0[gate * H : (gate + 1) * H] = value
    return copy


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("T", [1, 9])
@pytest.mark.parametrize("with_h0", [False, True])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2, 3])
def test_trace_matches_torch(num_layers, bidirectional, with_h0, T, bias):
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(num_layers)
        module = torch.nn.GRU(
            3, 4, num_layers=num_layers, bidirectional=bidirectional, bias=bias, dtype=torch.float64
        )
    x, h0 = _random_case(module, T, with_h0)
    out_ref, h_n_ref = _reference(module, x, h0)

    trace = trace_gru(module, x, h0)

    D = 2 if bidirectional else 1
    assert trace.output.shape == (T, D * 4)
    assert trace.h_n.shape == (D * num_layers, 4)
    assert np.abs(trace.output - out_ref).max() < ATOL
    assert np.abs(trace.h_n - h_n_ref).max() < ATOL
    assert len(trace.layers) == num_layers
    assert all(len(directions) == D for directions in trace.layers)


def test_accepts_torch_tensors_as_well_as_numpy():
    module = make_gru(3, 4, num_layers=2)
    x, h0 = _random_case(module, 5, with_h0=True)
    from_numpy = trace_gru(module, x, h0)
    from_torch = trace_gru(module, torch.from_numpy(x), torch.from_numpy(h0))
    np.testing.assert_array_equal(from_numpy.output, from_torch.output)


def test_each_step_follows_pytorchs_equations_with_gates_packed_r_z_n():
    module = make_gru(3, 4, seed=5)
    x, h0 = _random_case(module, 7, with_h0=True)

    trace = trace_gru(module, x, h0)

    # Weights read straight from the module and sliced here, not by the code under test.
    W_ih, W_hh = module.weight_ih_l0.detach().numpy(), module.weight_hh_l0.detach().numpy()
    b_ih, b_hh = module.bias_ih_l0.detach().numpy(), module.bias_hh_l0.detach().numpy()
    H = 4
    h_prev = h0[0]
    for t in range(7):
        gi = W_ih @ x[t] + b_ih  # (3H,)
        gh = W_hh @ h_prev + b_hh  # (3H,)
        r = _sigmoid(gi[:H] + gh[:H])
        z = _sigmoid(gi[H : 2 * H] + gh[H : 2 * H])
        n = np.tanh(gi[2 * H :] + r * gh[2 * H :])
        h = (1 - z) * n + z * h_prev
        for name, expected in [("r", r), ("z", z), ("n", n), ("h", h)]:
            np.testing.assert_allclose(getattr(trace, name)[t], expected, rtol=0, atol=ATOL, err_msg=name)
        h_prev = h
    np.testing.assert_array_equal(trace.h_tilde, trace.n)
    np.testing.assert_array_equal(trace.layers[0][0].W_hh, W_hh)


@pytest.mark.parametrize("num_layers, bidirectional", [(1, False), (2, True)])
def test_gates_and_state_update_hold_in_every_layer_and_direction(num_layers, bidirectional):
    module = make_gru(3, 5, num_layers=num_layers, bidirectional=bidirectional, seed=2)
    x, h0 = _random_case(module, 8, with_h0=True)
    x = 3.0 * x  # push the gates towards saturation: they must still stay inside (0, 1)

    trace = trace_gru(module, x, h0)

    D = 2 if bidirectional else 1
    for k, directions in enumerate(trace.layers):
        for d, tr in enumerate(directions):
            assert ((tr.r > 0) & (tr.r < 1)).all() and ((tr.z > 0) & (tr.z < 1)).all()
            assert ((tr.n > -1) & (tr.n < 1)).all()
            # h_{t-1} rebuilt from h and h0 in natural time order (reverse: from t+1).
            first = h0[k * D + d][None]
            h_prev = np.concatenate([first, tr.h[:-1]]) if d == 0 else np.concatenate([tr.h[1:], first])
            np.testing.assert_array_equal(tr.h_prev, h_prev)
            np.testing.assert_allclose(tr.h, (1 - tr.z) * tr.n + tr.z * h_prev, rtol=0, atol=ATOL)


def test_reverse_direction_is_stored_in_natural_time_order():
    module = make_gru(3, 4, num_layers=2, bidirectional=True, seed=3)
    x, h0 = _random_case(module, 6, with_h0=True)
    out_ref, h_n_ref = _reference(module, x, h0)

    trace = trace_gru(module, x, h0)

    last_fwd, last_rev = trace.layers[1]
    np.testing.assert_allclose(last_rev.h[0], out_ref[0, 4:], rtol=0, atol=ATOL)
    np.testing.assert_array_equal(last_rev.h_prev[-1], h0[3])
    np.testing.assert_array_equal(last_fwd.x, np.concatenate([t.h for t in trace.layers[0]], axis=1))
    finals = [trace.layers[0][0].h[-1], trace.layers[0][1].h[0], last_fwd.h[-1], last_rev.h[0]]
    np.testing.assert_allclose(np.stack(finals), h_n_ref, rtol=0, atol=ATOL)


def test_update_gate_near_one_keeps_the_old_state():
    # PyTorch's convention, checked on torch itself: z ≡ 1 copies h0 through every step.
    module = _with_gate_bias(make_gru(3, 4, seed=4), gate=1, value=SATURATE)
    x, h0 = _random_case(module, 6, with_h0=True)
    out_ref, _ = _reference(module, x, h0)
    # torch evaluates n + z ⊙ (h - n), exact only up to rounding.
    np.testing.assert_allclose(out_ref, np.repeat(h0, 6, axis=0), rtol=0, atol=ATOL)

    trace = trace_gru(module, x, h0)

    assert (trace.z == 1.0).all()
    np.testing.assert_array_equal(trace.h, np.repeat(h0, 6, axis=0))


def test_textbook_variant_equals_pytorch_when_reset_gate_is_open():
    module = _with_gate_bias(make_gru(3, 4, seed=6), gate=0, value=SATURATE)
    x, h0 = _random_case(module, 9, with_h0=True)
    out_ref, h_n_ref = _reference(module, x, h0)

    textbook = trace_gru(module, x, h0, variant="textbook")

    assert (textbook.r == 1.0).all()
    assert textbook.variant == "textbook"
    np.testing.assert_allclose(textbook.output, out_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(textbook.h_n, h_n_ref, rtol=0, atol=ATOL)


def test_textbook_variant_resets_before_the_matrix_and_differs_in_general():
    module = make_gru(3, 4, seed=6)
    x, h0 = _random_case(module, 9, with_h0=True)

    textbook = trace_gru(module, x, h0, variant="textbook")
    pytorch = trace_gru(module, x, h0)

    assert np.abs(textbook.output - pytorch.output).max() > 1e-3
    W_in = module.weight_ih_l0.detach().numpy()[8:]  # (H, in), rows of n
    W_hn = module.weight_hh_l0.detach().numpy()[8:]  # (H, H)
    b_in, b_hn = module.bias_ih_l0.detach().numpy()[8:], module.bias_hh_l0.detach().numpy()[8:]
    tr = textbook.layers[0][0]
    for t in range(9):
        n = np.tanh(W_in @ x[t] + b_in + W_hn @ (tr.r[t] * tr.h_prev[t]) + b_hn)
        np.testing.assert_allclose(tr.n[t], n, rtol=0, atol=ATOL)
        np.testing.assert_allclose(tr.h[t], (1 - tr.z[t]) * n + tr.z[t] * tr.h_prev[t], rtol=0, atol=ATOL)


def test_top_level_gates_only_for_one_layer_one_direction():
    single = trace_gru(make_gru(2, 3), np.ones((4, 2)))
    assert single.z.shape == single.h.shape == (4, 3)
    stacked = trace_gru(make_gru(2, 3, num_layers=2), np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"layers\[k\]\[d\]"):
        _ = stacked.z


@pytest.mark.parametrize(
    "Q, D, K, bidirectional", [(1, 1, 1, False), (3, 4, 1, False), (5, 2, 2, True), (7, 6, 3, False)]
)
def test_param_count_matches_torch(Q, D, K, bidirectional):
    module = torch.nn.GRU(Q, D, num_layers=K, bidirectional=bidirectional)
    assert gru_param_count(Q, D, K, bidirectional) == sum(p.numel() for p in module.parameters())


def test_make_gru_is_seeded_and_leaves_global_rng_alone():
    before = torch.get_rng_state()
    a = make_gru(3, 4, num_layers=2, seed=7)
    b = make_gru(3, 4, num_layers=2, seed=7)
    c = make_gru(3, 4, num_layers=2, seed=8)
    assert torch.equal(torch.get_rng_state(), before)
    assert not a.training
    for (name, pa), pb, pc in zip(a.named_parameters(), b.parameters(), c.parameters(), strict=True):
        assert pa.dtype == torch.float64
        assert torch.equal(pa, pb), name
        assert not torch.equal(pa, pc), name


def test_bad_inputs_raise_helpful_errors():
    module = make_gru(3, 4, num_layers=2)
    with pytest.raises(ValueError, match=r"\(T, 3\)"):
        trace_gru(module, np.ones((5, 2)))
    with pytest.raises(ValueError, match="unbatched"):
        trace_gru(module, np.ones((1, 5, 3)))
    with pytest.raises(ValueError, match=r"\(2, 4\)"):
        trace_gru(module, np.ones((5, 3)), np.zeros((1, 4)))
    with pytest.raises(ValueError, match="textbook"):
        trace_gru(module, np.ones((5, 3)), variant="cho")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="eval"):
        trace_gru(torch.nn.GRU(3, 4, num_layers=2, dropout=0.5), np.ones((5, 3)))


def test_trace_arrays_are_read_only():
    trace = trace_gru(make_gru(2, 3), np.ones((3, 2)))
    with pytest.raises(ValueError):
        trace.z[0, 0] = 1.0
