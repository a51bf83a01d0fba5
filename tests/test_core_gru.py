"""core.gru against torch.nn.GRU: the hand-written trace must reproduce the module exactly."""

import numpy as np
import pytest
import torch

from core.gru import (
    carry_share,
    gate_terms,
    gru_lab,
    gru_param_count,
    make_gru,
    param_counts,
    shift_update_gate,
    trace_gru,
)
from core.lstm import make_lstm
from core.rnn import make_rnn

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


# --- The page's helpers: summands, the two reset forms, the carry, the shift, the counts ----


def _rows(module: torch.nn.GRU, name: str, gate: int) -> np.ndarray:
    """Rows of gate 0 (r), 1 (z) or 2 (n) of a packed parameter, sliced here from torch."""
    H = module.hidden_size
    return getattr(module, name).detach().numpy()[gate * H : (gate + 1) * H]


def _close(actual: np.ndarray, expected: np.ndarray) -> None:
    np.testing.assert_allclose(actual, expected, rtol=0, atol=ATOL)


def test_gate_terms_are_the_summands_of_each_pre_activation():
    module = make_gru(3, 4, seed=11)
    x, h0 = _random_case(module, 8, with_h0=True)
    tr = trace_gru(module, x, h0).layers[0][0]

    terms = gate_terms(tr)

    for t in range(8):
        h_prev = tr.h_prev[t]
        _close(terms.W_ir_x[t], _rows(module, "weight_ih_l0", 0) @ x[t])
        _close(terms.W_hz_h[t], _rows(module, "weight_hh_l0", 1) @ h_prev)
        _close(terms.W_hn_h[t], _rows(module, "weight_hh_l0", 2) @ h_prev)
    np.testing.assert_array_equal(terms.b_hn, _rows(module, "bias_hh_l0", 2))
    _close(terms.W_ir_x + terms.b_ir + terms.W_hr_h + terms.b_hr, tr.r_pre)
    _close(terms.W_iz_x + terms.b_iz + terms.W_hz_h + terms.b_hz, tr.z_pre)
    _close(terms.W_in_x + terms.b_in + terms.reset_pytorch, tr.n_pre)
    _close(np.tanh(terms.W_in_x + terms.b_in + terms.reset_pytorch), tr.n)


def test_textbook_reset_term_uses_the_same_state_and_matches_a_textbook_run_on_step_one():
    module = make_gru(3, 4, seed=12)
    x, h0 = _random_case(module, 6, with_h0=True)
    tr = trace_gru(module, x, h0).layers[0][0]

    terms = gate_terms(tr)

    W_hn, b_hn = _rows(module, "weight_hh_l0", 2), _rows(module, "bias_hh_l0", 2)
    for t in range(6):
        _close(terms.W_hn_rh[t], W_hn @ (tr.r[t] * tr.h_prev[t]))
        _close(terms.reset_textbook[t], W_hn @ (tr.r[t] * tr.h_prev[t]) + b_hn)
    # Step 1 starts from the same h0, so a whole textbook run agrees there and only there.
    textbook = trace_gru(module, x, h0, variant="textbook")
    np.testing.assert_allclose(terms.n_textbook[0], textbook.n[0], rtol=0, atol=ATOL)
    assert np.abs(terms.n_textbook - tr.n).max() > 1e-3  # the two forms differ in general


def test_both_reset_forms_agree_when_the_reset_gate_is_open():
    module = _with_gate_bias(make_gru(3, 4, seed=13), gate=0, value=SATURATE)
    x, h0 = _random_case(module, 5, with_h0=True)

    terms = gate_terms(trace_gru(module, x, h0).layers[0][0])

    np.testing.assert_allclose(terms.reset_textbook, terms.reset_pytorch, rtol=0, atol=ATOL)


@pytest.mark.parametrize("since", [0, 2])
def test_carry_share_is_the_jacobian_when_nothing_reads_h(since):
    # With W_hh = 0 the gates and the candidate ignore h, so h_t is affine in h_since with
    # slope diag(∏ z): autograd on torch's own module must find exactly the carry share.
    module = make_gru(3, 4, seed=14)
    with torch.no_grad():
        module.weight_hh_l0.zero_()
    x, h0 = _random_case(module, 7, with_h0=True)
    trace = trace_gru(module, x, h0)
    xt = torch.from_numpy(x[since + 1 :])

    def later_states(h_since: torch.Tensor) -> torch.Tensor:
        return module(xt, h_since[None])[0]  # (T - since - 1, H)

    jac = torch.autograd.functional.jacobian(later_states, torch.from_numpy(trace.h[since].copy())).numpy()

    share = carry_share(trace.z, since)
    assert np.isnan(share[:since]).all() and (share[since] == 1.0).all()
    for k in range(jac.shape[0]):
        np.testing.assert_allclose(jac[k], np.diag(share[since + 1 + k]), rtol=0, atol=ATOL)
    assert (np.diff(share[since:], axis=0) <= 0).all()  # gates below 1 only ever shrink it
    with pytest.raises(ValueError, match="since"):
        carry_share(trace.z, 7)


def test_shift_update_gate_moves_only_z_and_pushes_towards_copying():
    module = make_gru(3, 4, seed=15)
    x, h0 = _random_case(module, 6, with_h0=True)
    before = {k: v.clone() for k, v in module.state_dict().items()}

    shifted = shift_update_gate(module, 2.5)

    assert all(torch.equal(v, module.state_dict()[k]) for k, v in before.items())  # original untouched
    a, b = trace_gru(module, x, h0), trace_gru(shifted, x, h0)
    np.testing.assert_allclose(b.layers[0][0].z_pre[0] - a.layers[0][0].z_pre[0], 2.5, rtol=0, atol=ATOL)
    np.testing.assert_array_equal(b.layers[0][0].r_pre[0], a.layers[0][0].r_pre[0])
    out_ref, _ = _reference(shifted, x, h0)
    np.testing.assert_allclose(b.output, out_ref, rtol=0, atol=ATOL)
    assert (b.z[0] > a.z[0]).all()
    assert (carry_share(trace_gru(shift_update_gate(module, 6.0), x, h0).z)[-1]
            > carry_share(a.z)[-1]).all()
    with pytest.raises(ValueError, match="bias"):
        shift_update_gate(torch.nn.GRU(3, 4, bias=False), 1.0)


@pytest.mark.parametrize("Q, D, K, bidirectional", [(1, 1, 1, False), (4, 6, 1, False), (5, 3, 3, True)])
def test_param_counts_come_from_real_modules_and_match_the_formula(Q, D, K, bidirectional):
    rows = {row.model: row for row in param_counts(Q, D, K, bidirectional)}

    for model, cls in (("RNN", torch.nn.RNN), ("LSTM", torch.nn.LSTM), ("GRU", torch.nn.GRU)):
        module = cls(Q, D, num_layers=K, bidirectional=bidirectional)  # a real CPU module
        assert rows[model].counted == sum(p.numel() for p in module.parameters())
        assert rows[model].formula == rows[model].counted
        assert rows[model].shapes == tuple((n, tuple(p.shape)) for n, p in module.named_parameters())
    assert rows["GRU"].formula == gru_param_count(Q, D, K, bidirectional)
    assert 4 * rows["GRU"].counted == 3 * rows["LSTM"].counted  # a GRU is three quarters of an LSTM
    assert (rows["RNN"].gates, rows["LSTM"].gates, rows["GRU"].gates) == (1, 4, 3)


def test_gru_lab_runs_all_three_models_in_lockstep_and_checks_them_against_torch():
    x = np.random.default_rng(16).standard_normal((9, 3))

    lab = gru_lab(x, 5, seed=3, z_shift=1.5, reference_shifts=(-2.0, 1.5))

    assert lab.gru_diff < ATOL and lab.rnn_diff < ATOL and lab.lstm_diff < ATOL
    expected = trace_gru(shift_update_gate(make_gru(3, 5, seed=3), 1.5), x)
    np.testing.assert_array_equal(lab.gru.h, expected.h)
    with torch.no_grad():
        np.testing.assert_allclose(lab.rnn.output, make_rnn(3, 5, seed=3)(torch.from_numpy(x))[0].numpy(),
                                   rtol=0, atol=ATOL)
        np.testing.assert_allclose(lab.lstm.output, make_lstm(3, 5, seed=3)(torch.from_numpy(x))[0].numpy(),
                                   rtol=0, atol=ATOL)
    assert np.abs(lab.textbook.h - lab.gru.h).max() > 1e-4
    shifts = dict(lab.reference_carry)
    np.testing.assert_allclose(shifts[1.5], lab.carry.mean(axis=1), rtol=0, atol=ATOL)
    assert (shifts[-2.0][1:] < shifts[1.5][1:]).all()
    assert np.abs(lab.gru.h).max() < 1  # a convex mix of values in (-1, 1) from h0 = 0
