"""core.lstm against torch.nn.LSTM: the hand-written trace must reproduce the module exactly."""

import numpy as np
import pytest
import torch

from core.lstm import (
    PeepholeLSTM,
    add_peepholes,
    gate_terms,
    lstm_api_shapes,
    lstm_param_count,
    make_lstm,
    study_lstm,
    trace_lstm,
    trace_peephole_lstm,
)

ATOL = 1e-12
# σ(±800) is exactly 0 or 1 in float64 (exp(800) overflows), so a huge forget bias is an
# independent way to make torch.nn.LSTM itself forget everything / nothing.
SATURATE = 800.0


def _reference(module: torch.nn.Module, x: np.ndarray, state=None):
    """Run the module itself (the independent reference) on unbatched input."""
    with torch.no_grad():
        xt = torch.as_tensor(x, dtype=torch.float64)
        if state is None:
            out, (h_n, c_n) = module(xt)
        else:
            out, (h_n, c_n) = module(xt, tuple(torch.as_tensor(s) for s in state))
    return out.numpy(), h_n.numpy(), c_n.numpy()


def _random_case(module: torch.nn.Module, T: int, with_state: bool, seed: int = 1):
    rng = np.random.default_rng(seed)
    D = 2 if module.bidirectional else 1
    x = rng.standard_normal((T, module.input_size))  # (T, in)
    shape = (D * module.num_layers, module.hidden_size)
    state = (rng.standard_normal(shape), rng.standard_normal(shape)) if with_state else None
    return x, state


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def _previous(rows: np.ndarray, first: np.ndarray, direction: int) -> np.ndarray:
    """The state each step consumed, rebuilt from the states it produced: (T, H)."""
    if direction == 0:
        return np.concatenate([first[None], rows[:-1]])
    return np.concatenate([rows[1:], first[None]])


def _with_forget_bias(module: torch.nn.LSTM, value: float) -> torch.nn.LSTM:
    """A copy of a one-layer LSTM whose forget slice of bias_ih is ``value`` (bias_hh's is 0)."""
    copy = torch.nn.LSTM(module.input_size, module.hidden_size, dtype=torch.float64)
    copy.load_state_dict(module.state_dict())
    H = module.hidden_size
    with torch.no_grad():
        copy.bias_ih_l0[H : 2 * H] = value
        copy.bias_hh_l0[H : 2 * H] = 0.0
    return copy


# --- agreement with torch.nn.LSTM ----------------------------------------------------------


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("T", [1, 9])
@pytest.mark.parametrize("with_state", [False, True])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2, 3])
def test_trace_matches_torch(num_layers, bidirectional, with_state, T, bias):
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(num_layers)
        module = torch.nn.LSTM(
            3, 4, num_layers=num_layers, bidirectional=bidirectional, bias=bias, dtype=torch.float64
        )
    x, state = _random_case(module, T, with_state)
    out_ref, h_n_ref, c_n_ref = _reference(module, x, state)

    trace = trace_lstm(module, x, state)

    D = 2 if bidirectional else 1
    assert trace.output.shape == (T, D * 4)
    assert trace.h_n.shape == trace.c_n.shape == (D * num_layers, 4)
    assert np.abs(trace.output - out_ref).max() < ATOL
    assert np.abs(trace.h_n - h_n_ref).max() < ATOL
    assert np.abs(trace.c_n - c_n_ref).max() < ATOL
    assert len(trace.layers) == num_layers
    assert all(len(directions) == D for directions in trace.layers)
    assert all(tr.c.shape == (T, 4) for directions in trace.layers for tr in directions)


def test_accepts_torch_tensors_as_well_as_numpy():
    module = make_lstm(3, 4, num_layers=2, seed=1)
    x, (h0, c0) = _random_case(module, 5, with_state=True)
    from_numpy = trace_lstm(module, x, (h0, c0))
    from_torch = trace_lstm(module, torch.from_numpy(x), (torch.from_numpy(h0), torch.from_numpy(c0)))
    np.testing.assert_array_equal(from_numpy.output, from_torch.output)
    np.testing.assert_array_equal(from_numpy.c_n, from_torch.c_n)


def test_each_step_follows_the_equations_with_gates_packed_i_f_g_o():
    module = make_lstm(3, 4, seed=5, forget_bias=1.0)
    x, ((h0,), (c0,)) = _random_case(module, 7, with_state=True)

    trace = trace_lstm(module, x, (h0[None], c0[None]))

    # Weights read straight from the module and sliced here, not by the code under test.
    W_ih = module.weight_ih_l0.detach().numpy()  # (4H, in)
    W_hh = module.weight_hh_l0.detach().numpy()  # (4H, H)
    b = (module.bias_ih_l0 + module.bias_hh_l0).detach().numpy()  # (4H,)
    H = 4
    h_prev, c_prev = h0, c0
    for t in range(7):
        a = W_ih @ x[t] + W_hh @ h_prev + b  # (4H,)
        i, f = _sigmoid(a[:H]), _sigmoid(a[H : 2 * H])
        g, o = np.tanh(a[2 * H : 3 * H]), _sigmoid(a[3 * H :])
        c = f * c_prev + i * g
        h = o * np.tanh(c)
        for name, expected in [("i", i), ("f", f), ("g", g), ("o", o), ("c", c), ("h", h)]:
            np.testing.assert_allclose(getattr(trace, name)[t], expected, rtol=0, atol=ATOL, err_msg=name)
        np.testing.assert_allclose(trace.layers[0][0].f_pre[t], a[H : 2 * H], rtol=0, atol=ATOL)
        h_prev, c_prev = h, c
    np.testing.assert_array_equal(trace.C_tilde, trace.g)
    np.testing.assert_array_equal(trace.layers[0][0].W_ih, W_ih)


@pytest.mark.parametrize("num_layers, bidirectional", [(1, False), (2, True)])
def test_gates_and_state_updates_hold_in_every_layer_and_direction(num_layers, bidirectional):
    module = make_lstm(3, 5, num_layers=num_layers, bidirectional=bidirectional, seed=2)
    x, (h0, c0) = _random_case(module, 8, with_state=True)
    x = 3.0 * x  # push the gates towards saturation: they must still stay inside (0, 1)

    trace = trace_lstm(module, x, (h0, c0))

    D = 2 if bidirectional else 1
    for k, directions in enumerate(trace.layers):
        for d, tr in enumerate(directions):
            for gate in (tr.i, tr.f, tr.o):
                assert ((gate > 0) & (gate < 1)).all()
            assert ((tr.g > -1) & (tr.g < 1)).all()
            # Previous states rebuilt from c, h and the initial state: natural time order.
            c_prev = _previous(tr.c, c0[k * D + d], d)
            h_prev = _previous(tr.h, h0[k * D + d], d)
            np.testing.assert_array_equal(tr.c_prev, c_prev)
            np.testing.assert_array_equal(tr.h_prev, h_prev)
            np.testing.assert_allclose(tr.c, tr.f * c_prev + tr.i * tr.g, rtol=0, atol=ATOL)
            np.testing.assert_allclose(tr.h, tr.o * np.tanh(tr.c), rtol=0, atol=ATOL)


def test_reverse_direction_is_stored_in_natural_time_order():
    module = make_lstm(3, 4, num_layers=2, bidirectional=True, seed=3)
    x, state = _random_case(module, 6, with_state=True)
    out_ref, _, c_n_ref = _reference(module, x, state)

    trace = trace_lstm(module, x, state)

    last_fwd, last_rev = trace.layers[1]
    np.testing.assert_allclose(last_rev.h[0], out_ref[0, 4:], rtol=0, atol=ATOL)
    np.testing.assert_allclose(last_fwd.h[-1], out_ref[-1, :4], rtol=0, atol=ATOL)
    np.testing.assert_array_equal(last_rev.c_prev[-1], state[1][3])
    np.testing.assert_array_equal(trace.layers[1][0].x, np.concatenate([t.h for t in trace.layers[0]], 1))
    finals = [trace.layers[0][0].c[-1], trace.layers[0][1].c[0], last_fwd.c[-1], last_rev.c[0]]
    np.testing.assert_allclose(np.stack(finals), c_n_ref, rtol=0, atol=ATOL)


def test_top_level_gates_only_for_one_layer_one_direction():
    single = trace_lstm(make_lstm(2, 3), np.ones((4, 2)))
    assert single.f.shape == single.c.shape == (4, 3)
    np.testing.assert_array_equal(single.h, single.layers[0][0].h)

    stacked = trace_lstm(make_lstm(2, 3, bidirectional=True), np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"layers\[k\]\[d\]"):
        _ = stacked.f


# --- interventions --------------------------------------------------------------------------


def test_forget_clamp_zero_forgets_everything():
    module = make_lstm(3, 4, seed=4, forget_bias=2.0)
    x, state = _random_case(module, 9, with_state=True)

    trace = trace_lstm(module, x, state, forget_clamp=0.0)

    assert (trace.f == 0.0).all()
    np.testing.assert_array_equal(trace.c, trace.i * trace.g)
    # Independent reference: torch.nn.LSTM whose forget gate saturates at exactly 0.
    out_ref, _, c_n_ref = _reference(_with_forget_bias(module, -SATURATE), x, state)
    np.testing.assert_allclose(trace.output, out_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(trace.c_n, c_n_ref, rtol=0, atol=ATOL)
    # ...and the intervention really changes what the unmodified module computes.
    assert np.abs(trace.output - _reference(module, x, state)[0]).max() > 1e-3


def test_forget_clamp_one_keeps_the_whole_cell():
    module = make_lstm(3, 4, seed=4)
    x, state = _random_case(module, 9, with_state=True)

    trace = trace_lstm(module, x, state, forget_clamp=1.0)

    c_prev = _previous(trace.c, state[1][0], 0)
    np.testing.assert_allclose(trace.c, c_prev + trace.i * trace.g, rtol=0, atol=ATOL)
    np.testing.assert_allclose(trace.c[-1], state[1][0] + (trace.i * trace.g).sum(0), rtol=0, atol=1e-10)
    out_ref, _, c_n_ref = _reference(_with_forget_bias(module, SATURATE), x, state)
    np.testing.assert_allclose(trace.output, out_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(trace.c_n, c_n_ref, rtol=0, atol=ATOL)


@pytest.mark.parametrize("step", [0, 4, 8])
def test_reset_cell_at_changes_only_later_steps(step):
    module = make_lstm(3, 4, num_layers=2, seed=6, forget_bias=1.0)
    x, state = _random_case(module, 9, with_state=True)
    plain = trace_lstm(module, x, state)

    reset = trace_lstm(module, x, state, reset_cell_at=step)

    np.testing.assert_array_equal(reset.output[:step], plain.output[:step])
    assert np.abs(reset.output[step] - plain.output[step]).max() > 1e-6
    for k in range(2):
        np.testing.assert_array_equal(reset.layers[k][0].c_prev[step], np.zeros(4))
    # Independent reference: run torch on x[:step], wipe c, run torch on the rest.
    h, c = (torch.as_tensor(s) for s in state)
    with torch.no_grad():
        if step > 0:
            _, (h, c) = module(torch.from_numpy(x[:step]), (h, c))
        out_rest, (h_n, c_n) = module(torch.from_numpy(x[step:]), (h, torch.zeros_like(c)))
    np.testing.assert_allclose(reset.output[step:], out_rest.numpy(), rtol=0, atol=ATOL)
    np.testing.assert_allclose(reset.h_n, h_n.numpy(), rtol=0, atol=ATOL)
    np.testing.assert_allclose(reset.c_n, c_n.numpy(), rtol=0, atol=ATOL)


def test_reset_cell_at_in_the_reverse_direction_changes_only_earlier_times():
    module = make_lstm(3, 4, bidirectional=True, seed=7)
    x, state = _random_case(module, 8, with_state=True)
    plain, reset = trace_lstm(module, x, state), trace_lstm(module, x, state, reset_cell_at=5)

    fwd, rev = reset.layers[0]
    np.testing.assert_array_equal(fwd.h[:5], plain.layers[0][0].h[:5])
    np.testing.assert_array_equal(rev.h[6:], plain.layers[0][1].h[6:])  # read before x_5
    assert np.abs(rev.h[:6] - plain.layers[0][1].h[:6]).min(axis=1).max() > 0


def test_bad_interventions_raise_helpful_errors():
    module = make_lstm(2, 3)
    with pytest.raises(ValueError, match=r"0 \.\. 3"):
        trace_lstm(module, np.ones((4, 2)), reset_cell_at=4)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        trace_lstm(module, np.ones((4, 2)), forget_clamp=1.5)


# --- peephole LSTM --------------------------------------------------------------------------


def _peephole(seed: int = 0, bias: bool = True) -> PeepholeLSTM:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        lstm = torch.nn.LSTM(3, 4, bias=bias, dtype=torch.float64)
    w = np.random.default_rng(seed).standard_normal((3, 4))
    return PeepholeLSTM.from_lstm(lstm, w[0], w[1], w[2])


@pytest.mark.parametrize("bias", [True, False])
def test_peephole_trace_equals_its_autograd_forward(bias):
    module = _peephole(seed=1, bias=bias)
    x, state = _random_case(module, 7, with_state=True)
    out_ref, h_n_ref, c_n_ref = _reference(module, x, state)

    trace = trace_peephole_lstm(module, x, state)

    np.testing.assert_allclose(trace.output, out_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(trace.h_n, h_n_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(trace.c_n, c_n_ref, rtol=0, atol=ATOL)
    np.testing.assert_array_equal(trace.layers[0][0].w_cf, module.w_cf.detach().numpy())
    # The peepholes matter: the plain LSTM with the same weights gives other numbers.
    plain = trace_lstm(_strip(module), x, state)
    assert np.abs(plain.output - trace.output).max() > 1e-3


def _strip(module: PeepholeLSTM) -> torch.nn.LSTM:
    lstm = torch.nn.LSTM(module.input_size, module.hidden_size, bias=module.bias, dtype=torch.float64)
    with torch.no_grad():
        for name, param in lstm.named_parameters():
            param.copy_(getattr(module, name))
    return lstm


def test_peephole_gradients_match_finite_differences():
    module = _peephole(seed=2)
    x = torch.from_numpy(np.random.default_rng(3).standard_normal((4, 3))).requires_grad_()
    names = [name for name, _ in module.named_parameters()]
    params = tuple(p.detach().clone().requires_grad_() for p in module.parameters())

    def loss(x: torch.Tensor, *values: torch.Tensor) -> torch.Tensor:
        out, (_, c_n) = torch.func.functional_call(module, dict(zip(names, values, strict=True)), (x,))
        return (out**2).sum() + c_n.sum()

    assert torch.autograd.gradcheck(loss, (x, *params), eps=1e-6, atol=1e-7)


@pytest.mark.parametrize("bias", [True, False])
def test_peephole_with_zero_peepholes_is_the_plain_lstm(bias):
    lstm = make_lstm(3, 4, seed=8) if bias else torch.nn.LSTM(3, 4, bias=False, dtype=torch.float64)
    zeros = np.zeros(4)
    module = PeepholeLSTM.from_lstm(lstm, zeros, zeros, zeros)
    x, state = _random_case(lstm, 9, with_state=True)
    out_ref, h_n_ref, c_n_ref = _reference(lstm, x, state)

    for out, h_n, c_n in [_reference(module, x, state), _astuple(trace_peephole_lstm(module, x, state))]:
        np.testing.assert_allclose(out, out_ref, rtol=0, atol=ATOL)
        np.testing.assert_allclose(h_n, h_n_ref, rtol=0, atol=ATOL)
        np.testing.assert_allclose(c_n, c_n_ref, rtol=0, atol=ATOL)


def _astuple(trace):
    return trace.output, trace.h_n, trace.c_n


def test_input_and_forget_peepholes_read_the_old_cell_output_peephole_the_new_one():
    lstm = make_lstm(3, 4, seed=9, forget_bias=1.0)
    x = np.random.default_rng(4).standard_normal((1, 3))
    _, h_ref, c_ref = _reference(lstm, x)  # one step from c_0 = 0
    w = np.random.default_rng(5).standard_normal((3, 4))

    # From c_0 = 0 the i/f peepholes see only zeros, so the first step is the plain LSTM's.
    no_output_peephole = trace_peephole_lstm(PeepholeLSTM.from_lstm(lstm, w[0], w[1], np.zeros(4)), x)
    np.testing.assert_allclose(no_output_peephole.h_n, h_ref, rtol=0, atol=ATOL)

    # The o peephole reads c_1: h_1 = σ(logit(o_plain) + w_co ⊙ c_1) ⊙ tanh(c_1).
    trace = trace_peephole_lstm(PeepholeLSTM.from_lstm(lstm, w[0], w[1], w[2]), x)
    o_plain = h_ref[0] / np.tanh(c_ref[0])
    expected = _sigmoid(np.log(o_plain / (1 - o_plain)) + w[2] * c_ref[0]) * np.tanh(c_ref[0])
    np.testing.assert_allclose(trace.c_n, c_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(trace.h_n[0], expected, rtol=0, atol=1e-9)


def test_peephole_interventions_and_init():
    module = _peephole(seed=3)
    x, _ = _random_case(module, 5, with_state=False)
    trace = trace_peephole_lstm(module, x, forget_clamp=0.0)
    np.testing.assert_array_equal(trace.c, trace.i * trace.g)

    fresh_a, fresh_b = PeepholeLSTM(3, 4, seed=1), PeepholeLSTM(3, 4, seed=1)
    for (name, p), q in zip(fresh_a.named_parameters(), fresh_b.parameters(), strict=True):
        assert torch.equal(p, q), name
    assert not torch.equal(fresh_a.weight_hh_l0, PeepholeLSTM(3, 4, seed=2).weight_hh_l0)
    assert (fresh_a.w_co == 0).all() and fresh_a.weight_ih_l0.abs().max() <= 0.5
    with pytest.raises(ValueError, match="one-layer"):
        PeepholeLSTM.from_lstm(make_lstm(3, 4, num_layers=2), *np.zeros((3, 4)))
    with pytest.raises(ValueError, match=r"\(4,\)"):
        PeepholeLSTM.from_lstm(make_lstm(3, 4), np.zeros(3), np.zeros(4), np.zeros(4))


# --- construction and bookkeeping -----------------------------------------------------------


@pytest.mark.parametrize(
    "Q, D, K, bidirectional", [(1, 1, 1, False), (3, 4, 1, False), (5, 2, 2, True), (7, 6, 3, False)]
)
def test_param_count_matches_torch(Q, D, K, bidirectional):
    module = torch.nn.LSTM(Q, D, num_layers=K, bidirectional=bidirectional)
    assert lstm_param_count(Q, D, K, bidirectional) == sum(p.numel() for p in module.parameters())


def test_make_lstm_is_seeded_and_leaves_global_rng_alone():
    before = torch.get_rng_state()
    a = make_lstm(3, 4, num_layers=2, seed=7)
    b = make_lstm(3, 4, num_layers=2, seed=7)
    c = make_lstm(3, 4, num_layers=2, seed=8)
    assert torch.equal(torch.get_rng_state(), before)
    assert not a.training
    for (name, pa), pb, pc in zip(a.named_parameters(), b.parameters(), c.parameters(), strict=True):
        assert pa.dtype == torch.float64
        assert torch.equal(pa, pb), name
        assert not torch.equal(pa, pc), name


def test_make_lstm_forget_bias_sets_only_the_forget_slice():
    H = 4
    base = make_lstm(3, H, bidirectional=True, seed=2)
    biased = make_lstm(3, H, bidirectional=True, seed=2, forget_bias=3.0)
    for (name, p), q in zip(base.named_parameters(), biased.parameters(), strict=True):
        if name.startswith("bias_"):
            mask = torch.ones(4 * H, dtype=torch.bool)
            mask[H : 2 * H] = False
            assert torch.equal(p[mask], q[mask]), name
        else:
            assert torch.equal(p, q), name
    total = (biased.bias_ih_l0 + biased.bias_hh_l0)[H : 2 * H]
    assert torch.equal(total, torch.full((H,), 3.0, dtype=torch.float64))
    # With zero input and zero state the forget gate is exactly σ(forget_bias).
    trace = trace_lstm(biased, np.zeros((2, 3)))
    np.testing.assert_allclose(trace.layers[0][0].f[0], _sigmoid(np.full(H, 3.0)), rtol=0, atol=ATOL)


def test_bad_modules_and_shapes_raise_helpful_errors():
    module = make_lstm(3, 4, num_layers=2)
    with pytest.raises(ValueError, match=r"\(T, 3\)"):
        trace_lstm(module, np.ones((5, 2)))
    with pytest.raises(ValueError, match="unbatched"):
        trace_lstm(module, np.ones((1, 5, 3)))
    with pytest.raises(ValueError, match=r"\(2, 4\)"):
        trace_lstm(module, np.ones((5, 3)), (np.zeros((2, 4)), np.zeros((1, 4))))
    with pytest.raises(ValueError, match="proj_size"):
        trace_lstm(torch.nn.LSTM(3, 4, proj_size=2, dtype=torch.float64), np.ones((5, 3)))
    with pytest.raises(ValueError, match="eval"):
        trace_lstm(torch.nn.LSTM(3, 4, num_layers=2, dropout=0.5), np.ones((5, 3)))


def test_trace_arrays_are_read_only_copies():
    module = make_lstm(2, 3)
    trace = trace_lstm(module, np.ones((3, 2)))
    with pytest.raises(ValueError):
        trace.layers[0][0].W_hh[0, 0] = 1.0
    with pytest.raises(ValueError):
        trace.f[0, 0] = 1.0
    with torch.no_grad():
        module.weight_hh_l0.zero_()
    assert np.abs(trace.layers[0][0].W_hh).sum() > 0


# --- what the "LSTM gates" page computes ---------------------------------------------------


@pytest.mark.parametrize("peephole", [False, True])
def test_gate_terms_add_up_to_the_pre_activations(peephole):
    lstm = make_lstm(3, 4, seed=11, forget_bias=1.5)
    module = add_peepholes(lstm, seed=2) if peephole else lstm
    x, _ = _random_case(lstm, 6, with_state=False, seed=7)
    layer = study_lstm(module, x).trace.layers[0][0]
    W_ih, W_hh = lstm.weight_ih_l0.detach().numpy(), lstm.weight_hh_l0.detach().numpy()
    for t in range(6):
        terms = gate_terms(layer, t)
        assert list(terms) == ["i", "f", "g", "o"]
        for k, (name, pre) in enumerate(
            [("i", layer.i_pre), ("f", layer.f_pre), ("g", layer.g_pre), ("o", layer.o_pre)]
        ):
            np.testing.assert_allclose(terms[name].pre, pre[t], rtol=0, atol=ATOL, err_msg=name)
            # The input part is this gate's slice of W_ih times x_t (sliced here independently).
            np.testing.assert_allclose(terms[name].from_x, W_ih[4 * k : 4 * k + 4] @ x[t], rtol=0, atol=ATOL)
            np.testing.assert_allclose(terms[name].from_h, W_hh[4 * k : 4 * k + 4] @ layer.h_prev[t],
                                       rtol=0, atol=ATOL)
        np.testing.assert_allclose(terms["f"].bias, 1.5, rtol=0, atol=ATOL)
        assert not terms["g"].peephole.any()
        if peephole:
            np.testing.assert_allclose(terms["o"].peephole, module.w_co.detach().numpy() * layer.c[t])
        else:
            assert not any(terms[g].peephole.any() for g in "ifo")


def test_study_checks_the_module_and_reruns_with_the_intervention():
    lstm = make_lstm(5, 3, seed=4, forget_bias=1.0)
    x = np.random.default_rng(0).standard_normal((8, 5))
    plain = study_lstm(lstm, x)
    out_ref, h_ref, c_ref = _reference(lstm, x)
    assert plain.reference == "nn.LSTM" and plain.max_diff < ATOL and plain.intervened is None
    np.testing.assert_allclose(plain.trace.output, out_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(plain.trace.c_n, c_ref, rtol=0, atol=ATOL)
    np.testing.assert_allclose(plain.trace.h_n, h_ref, rtol=0, atol=ATOL)
    assert plain.shown is plain.trace and plain.p_positive is None

    clamped = study_lstm(lstm, x, forget_clamp=1.0)
    assert clamped.shown is clamped.intervened
    np.testing.assert_array_equal(clamped.trace.h, plain.trace.h)  # the unmodified run is kept
    written = clamped.intervened.i * clamped.intervened.g  # (T, H): with f = 1 nothing is erased
    np.testing.assert_allclose(clamped.intervened.c, np.cumsum(written, 0), rtol=0, atol=ATOL)

    reset = study_lstm(lstm, x, reset_cell_at=5)
    np.testing.assert_array_equal(reset.intervened.h[:5], plain.trace.h[:5])
    assert np.abs(reset.intervened.h[5:] - plain.trace.h[5:]).max() > 1e-6

    peep = study_lstm(add_peepholes(lstm, seed=1), x)
    assert peep.reference == "PeepholeLSTM" and peep.max_diff < ATOL
    assert np.abs(peep.trace.h - plain.trace.h).max() > 1e-3


def test_study_reports_a_classifier_head_on_the_last_hidden_state():
    lstm = make_lstm(4, 3, seed=1)
    head = torch.nn.Linear(3, 1, dtype=torch.float64)
    x = np.random.default_rng(2).standard_normal((5, 4))
    study = study_lstm(lstm, x, forget_clamp=0.0, head=head)
    with torch.no_grad():
        out, _ = lstm(torch.from_numpy(x))
        expected = torch.sigmoid(head(out[-1])).item()
        expected_clamped = torch.sigmoid(head(torch.tensor(study.intervened.h[-1]))).item()
    assert abs(study.p_positive - expected) < ATOL
    assert abs(study.p_positive_intervened - expected_clamped) < ATOL


def test_study_runs_a_float32_module_in_float64_and_leaves_it_alone():
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        lstm32 = torch.nn.LSTM(3, 4).eval()  # float32, like a trained model
    before = {k: v.clone() for k, v in lstm32.state_dict().items()}
    x = np.random.default_rng(1).standard_normal((6, 3)).astype(np.float32)
    study = study_lstm(lstm32, x)
    assert study.trace.h.dtype == np.float64 and study.max_diff < ATOL
    with torch.no_grad():
        out32, _ = lstm32(torch.from_numpy(x))
    assert np.abs(study.trace.output - out32.numpy()).max() < 1e-5  # float32 rounding only
    assert next(lstm32.parameters()).dtype == torch.float32
    assert all(torch.equal(before[k], v) for k, v in lstm32.state_dict().items())


def test_study_refuses_deep_or_bidirectional_modules():
    with pytest.raises(ValueError, match="one layer"):
        study_lstm(make_lstm(3, 4, num_layers=2), np.ones((2, 3)))
    with pytest.raises(ValueError, match="one direction"):
        study_lstm(make_lstm(3, 4, bidirectional=True), np.ones((2, 3)))


def test_add_peepholes_is_seeded_and_keeps_the_lstm_weights():
    lstm = make_lstm(3, 4, seed=3)
    a, b, c = add_peepholes(lstm, seed=5), add_peepholes(lstm, seed=5), add_peepholes(lstm, seed=6)
    assert torch.equal(a.w_cf, b.w_cf) and not torch.equal(a.w_cf, c.w_cf)
    assert a.w_ci.abs().max() <= 1.0 and a.w_co.abs().max() > 0
    assert torch.equal(a.weight_hh_l0, lstm.weight_hh_l0) and torch.equal(a.bias_ih_l0, lstm.bias_ih_l0)


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("K", [1, 3])
def test_api_shapes_are_what_torch_returns(K, bidirectional, batch_first):
    N, L, Q, D = 2, 7, 5, 3
    shapes = lstm_api_shapes(N, L, Q, K, D, batch_first=batch_first, bidirectional=bidirectional)
    dirs = 2 if bidirectional else 1
    assert shapes.X == ((N, L, Q) if batch_first else (L, N, Q))
    assert shapes.Y == ((N, L, dirs * D) if batch_first else (L, N, dirs * D))
    assert shapes.h_n == shapes.c_n == (dirs * K, N, D)  # batch_first never moves h_n, c_n
    reference = torch.nn.LSTM(Q, D, num_layers=K, bidirectional=bidirectional, batch_first=batch_first)
    expected = [(n, tuple(p.shape)) for n, p in reference.named_parameters()]
    assert [(n, s) for n, s, _ in shapes.params] == expected
    assert shapes.numel == sum(p.numel() for p in reference.parameters())
    assert sum(count for *_, count in shapes.blocks) == shapes.numel
    assert shapes.numel == lstm_param_count(Q, D, K, bidirectional)
    assert len(shapes.blocks) == K * dirs
    assert all(q == (Q if k == 0 else D * dirs) for k, _, q, _ in shapes.blocks)
    assert ("weight_ih_l1", (4 * D, D * dirs), 4 * D * D * dirs) in shapes.params or K == 1


def test_api_shapes_refuse_empty_sizes():
    with pytest.raises(ValueError, match="at least 1"):
        lstm_api_shapes(1, 0, 3, 1, 2)
