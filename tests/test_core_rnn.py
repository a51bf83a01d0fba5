"""core.rnn against torch.nn.RNN: the hand-written trace must reproduce the module exactly."""

import numpy as np
import pytest
import torch

from core.rnn import (
    cell_order,
    find_blowup,
    forward_pass,
    input_sensitivity,
    make_rnn,
    max_difference,
    output_probs,
    rnn_cost,
    schedule,
    softmax,
    trace_rnn,
    use_patterns,
)
from core.text import TokenizerSpec, make_embedding, text_to_tensors

ATOL = 1e-12


def _reference(module: torch.nn.RNN, x: np.ndarray, h0: np.ndarray | None):
    """Run the PyTorch module itself (the independent reference) on unbatched input."""
    with torch.no_grad():
        xt = torch.as_tensor(x, dtype=torch.float64)
        if h0 is None:
            out, h_n = module(xt)
        else:
            out, h_n = module(xt, torch.as_tensor(h0, dtype=torch.float64))
    return out.numpy(), h_n.numpy()


def _random_case(module: torch.nn.RNN, T: int, with_h0: bool, seed: int = 1):
    rng = np.random.default_rng(seed)
    D = 2 if module.bidirectional else 1
    x = rng.standard_normal((T, module.input_size))  # (T, in)
    h0 = rng.standard_normal((D * module.num_layers, module.hidden_size)) if with_h0 else None
    return x, h0


@pytest.mark.parametrize("T", [1, 7])
@pytest.mark.parametrize("with_h0", [False, True])
@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2, 3])
def test_trace_matches_torch(num_layers, bidirectional, nonlinearity, with_h0, T):
    module = make_rnn(
        3, 4, num_layers=num_layers, nonlinearity=nonlinearity, bidirectional=bidirectional,
        seed=num_layers,
    )
    x, h0 = _random_case(module, T, with_h0)
    out_ref, h_n_ref = _reference(module, x, h0)

    trace = trace_rnn(module, x, h0)

    D = 2 if bidirectional else 1
    assert trace.output.shape == (T, D * 4)
    assert trace.h_n.shape == (D * num_layers, 4)
    assert np.abs(trace.output - out_ref).max() < ATOL
    assert np.abs(trace.h_n - h_n_ref).max() < ATOL
    assert len(trace.layers) == num_layers
    assert all(len(directions) == D for directions in trace.layers)


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("with_h0", [False, True])
def test_trace_matches_torch_without_bias(bidirectional, with_h0):
    module = torch.nn.RNN(
        2, 5, num_layers=2, bias=False, bidirectional=bidirectional, dtype=torch.float64
    )
    x, h0 = _random_case(module, 6, with_h0)
    out_ref, h_n_ref = _reference(module, x, h0)

    trace = trace_rnn(module, x, h0)

    assert np.abs(trace.output - out_ref).max() < ATOL
    assert np.abs(trace.h_n - h_n_ref).max() < ATOL
    assert np.array_equal(trace.layers[1][0].b_xh, np.zeros(5))
    assert np.array_equal(trace.layers[1][0].b_hh, np.zeros(5))


def test_accepts_torch_tensors_as_well_as_numpy():
    module = make_rnn(3, 4, num_layers=2)
    x, h0 = _random_case(module, 5, with_h0=True)
    from_numpy = trace_rnn(module, x, h0)
    from_torch = trace_rnn(module, torch.from_numpy(x), torch.from_numpy(h0))
    np.testing.assert_array_equal(from_numpy.output, from_torch.output)


def test_each_step_follows_the_equation():
    module = make_rnn(3, 4, seed=5)
    x, h0 = _random_case(module, 7, with_h0=True)

    trace = trace_rnn(module, x, h0)

    # Weights read straight from the module, not from the trace.
    W_xh = module.weight_ih_l0.detach().numpy()
    W_hh = module.weight_hh_l0.detach().numpy()
    b_xh = module.bias_ih_l0.detach().numpy()
    b_hh = module.bias_hh_l0.detach().numpy()
    h_prev = h0[0]
    for t in range(7):
        a_t = W_xh @ x[t] + b_xh + W_hh @ h_prev + b_hh
        np.testing.assert_allclose(trace.a[t], a_t, rtol=0, atol=ATOL)
        np.testing.assert_allclose(trace.h[t], np.tanh(a_t), rtol=0, atol=ATOL)
        np.testing.assert_allclose(trace.layers[0][0].h_prev[t], h_prev, rtol=0, atol=ATOL)
        h_prev = np.tanh(a_t)

    layer = trace.layers[0][0]
    np.testing.assert_array_equal(layer.W_xh, W_xh)
    np.testing.assert_array_equal(layer.W_hh, W_hh)
    np.testing.assert_array_equal(layer.b_xh, b_xh)
    np.testing.assert_array_equal(layer.b_hh, b_hh)
    np.testing.assert_array_equal(layer.x, x)


def test_second_layer_sees_first_layers_outputs():
    module = make_rnn(3, 4, num_layers=2, bidirectional=True)
    x, _ = _random_case(module, 5, with_h0=False)

    trace = trace_rnn(module, x)

    first = trace.layers[0]
    expected = np.concatenate([first[0].h, first[1].h], axis=1)  # (T, 2H)
    np.testing.assert_array_equal(trace.layers[1][0].x, expected)
    np.testing.assert_array_equal(trace.layers[1][1].x, expected)


def test_reverse_direction_is_stored_in_natural_time_order():
    module = make_rnn(3, 4, num_layers=2, bidirectional=True, seed=3)
    x, h0 = _random_case(module, 6, with_h0=True)
    out_ref, h_n_ref = _reference(module, x, h0)

    trace = trace_rnn(module, x, h0)

    last_fwd, last_rev = trace.layers[1]
    # Row t of the reverse layer is time t: its h at t=0 is the reverse half of output[0],
    # which PyTorch computes last (after reading x_5 .. x_0).
    np.testing.assert_allclose(last_rev.h[0], out_ref[0, 4:], rtol=0, atol=ATOL)
    np.testing.assert_allclose(last_fwd.h[-1], out_ref[-1, :4], rtol=0, atol=ATOL)
    # The reverse recurrence starts at the last step from its own h0 row (layer 1, reverse).
    np.testing.assert_array_equal(last_rev.h_prev[-1], h0[3])
    np.testing.assert_array_equal(last_rev.h_prev[0], last_rev.h[1])
    # h_n rows are layer-major, forward before reverse: [l0 fwd, l0 rev, l1 fwd, l1 rev].
    finals = [
        trace.layers[0][0].h[-1], trace.layers[0][1].h[0], last_fwd.h[-1], last_rev.h[0],
    ]
    np.testing.assert_allclose(np.stack(finals), h_n_ref, rtol=0, atol=ATOL)


def test_exploding_relu_is_recorded_not_raised():
    module = make_rnn(2, 3, nonlinearity="relu", bias=False)
    with torch.no_grad():
        for param in module.parameters():
            param.fill_(1e120)  # positive weights and inputs: every entry grows to +inf
    x = np.ones((4, 2))
    out_ref, _ = _reference(module, x, None)
    assert np.isposinf(out_ref[-1]).all()  # the reference overflows too

    trace = trace_rnn(module, x)

    np.testing.assert_array_equal(trace.output, out_ref)
    assert np.isposinf(trace.h[-1]).all()
    probs = output_probs(trace.h, np.ones((5, 3)), np.zeros(5))  # must not raise
    assert probs.shape == (4, 5)


def test_trace_arrays_are_read_only_copies():
    module = make_rnn(2, 3)
    trace = trace_rnn(module, np.ones((3, 2)))
    with pytest.raises(ValueError):
        trace.layers[0][0].W_hh[0, 0] = 1.0
    with torch.no_grad():
        module.weight_hh_l0.zero_()
    assert np.abs(trace.layers[0][0].W_hh).sum() > 0


def test_bad_shapes_raise_helpful_errors():
    module = make_rnn(3, 4, num_layers=2)
    with pytest.raises(ValueError, match=r"\(T, 3\)"):
        trace_rnn(module, np.ones((5, 2)))
    with pytest.raises(ValueError, match="unbatched"):
        trace_rnn(module, np.ones((1, 5, 3)))
    with pytest.raises(ValueError, match=r"\(2, 4\)"):
        trace_rnn(module, np.ones((5, 3)), np.zeros((1, 4)))


def test_softmax_matches_torch_and_sums_to_one():
    z = np.random.default_rng(0).standard_normal((6, 9)) * 30
    p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(p, torch.softmax(torch.from_numpy(z), dim=-1).numpy(), atol=1e-12)
    # Huge logits would overflow a naive exp; the shift keeps them finite.
    np.testing.assert_allclose(softmax(np.array([1000.0, 1000.0])), [0.5, 0.5])


def test_output_probs_is_softmax_of_affine_readout():
    rng = np.random.default_rng(2)
    h, V, c = rng.standard_normal((5, 4)), rng.standard_normal((7, 4)), rng.standard_normal(7)
    expected = torch.softmax(
        torch.nn.functional.linear(torch.from_numpy(h), torch.from_numpy(V), torch.from_numpy(c)),
        dim=-1,
    ).numpy()
    np.testing.assert_allclose(output_probs(h, V, c), expected, rtol=0, atol=1e-12)
    with pytest.raises(ValueError, match="vocab"):
        output_probs(h, V.T, c)


def test_make_rnn_is_seeded_and_leaves_global_rng_alone():
    before = torch.get_rng_state()
    a = make_rnn(3, 4, num_layers=2, seed=7)
    b = make_rnn(3, 4, num_layers=2, seed=7)
    c = make_rnn(3, 4, num_layers=2, seed=8)
    assert torch.equal(torch.get_rng_state(), before)

    for (name, pa), pb, pc in zip(a.named_parameters(), b.parameters(), c.parameters(), strict=True):
        assert pa.dtype == torch.float64
        assert torch.equal(pa, pb), name
        assert not torch.equal(pa, pc), name


def test_make_rnn_weight_scale_scales_weight_matrices():
    base = make_rnn(3, 4, bidirectional=True, seed=2)
    scaled = make_rnn(3, 4, bidirectional=True, seed=2, weight_scale=3.0)
    for (name, p), q in zip(base.named_parameters(), scaled.parameters(), strict=True):
        factor = 3.0 if name.startswith("weight_") else 1.0
        torch.testing.assert_close(q, p * factor, rtol=0, atol=1e-15)
    assert scaled.nonlinearity == "tanh" and scaled.bidirectional


# --- The "RNN forward pass" page: forward_pass and what it adds ---------------------------

SENTENCES = ["나는 오늘 학교에 간다", "The cat sleeps by the window"]


@pytest.mark.parametrize(
    ("index", "level", "layers", "bidirectional", "nonlinearity"),
    [(0, "word", 1, False, "tanh"), (1, "char", 2, True, "relu"), (0, "char", 3, False, "tanh")],
)
def test_forward_pass_equals_pytorch_end_to_end(index, level, layers, bidirectional, nonlinearity):
    fp = forward_pass(SENTENCES, index, level=level, d=3, hidden_size=4, nonlinearity=nonlinearity,
                      seed=11, num_layers=layers, bidirectional=bidirectional)
    # Inputs: nn.Embedding rows of the sentence's ids, vocabulary from both lines.
    tt = text_to_tensors(SENTENCES, TokenizerSpec(level), d=3, seed=11)
    assert fp.tokens == tt.sentences[index].tokens and fp.itos == tt.vocab.itos
    with torch.no_grad():
        x_ref = make_embedding(len(tt.vocab), 3, seed=11)(torch.from_numpy(fp.ids)).numpy()
    np.testing.assert_array_equal(fp.x, x_ref)
    # The RNN and the readout, rebuilt independently from their seeds and run by PyTorch.
    module = make_rnn(3, 4, num_layers=layers, nonlinearity=nonlinearity,
                      bidirectional=bidirectional, seed=12)
    out_ref, h_n_ref = _reference(module, x_ref, None)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(13)
        readout = torch.nn.Linear(out_ref.shape[1], len(tt.vocab), dtype=torch.float64)
    with torch.no_grad():
        probs_ref = torch.softmax(readout(torch.from_numpy(out_ref)), dim=-1).numpy()
    assert np.abs(fp.trace.output - out_ref).max() < ATOL
    assert np.abs(fp.trace.h_n - h_n_ref).max() < ATOL
    assert np.abs(fp.probs - probs_ref).max() < ATOL
    np.testing.assert_allclose(fp.probs.sum(axis=1), 1.0, atol=1e-12)
    assert fp.rnn_diff < ATOL and fp.readout_diff < ATOL
    assert fp.blowup is None and fp.blowup_float32 is None
    D = 2 if bidirectional else 1
    assert fp.sensitivity.shape == (D, fp.T, fp.T)
    assert len(fp.order) == fp.T * layers * D


def test_forward_pass_single_token_and_caps():
    fp = forward_pass(["hi"], add_bos_eos=False)
    assert fp.tokens == ("hi",) and fp.T == 1 and len(fp.order) == 1
    assert fp.words == ("hi",)
    long = forward_pass(["a " * 100], max_tokens=64)
    assert long.T == 64 and long.dropped == (100 - 62,)
    assert long.words == ("a",) * 62
    with pytest.raises(ValueError):
        forward_pass([])


@pytest.mark.parametrize(("layers", "bidirectional", "nonlinearity"),
                         [(1, False, "tanh"), (1, True, "relu"), (2, False, "relu"), (3, True, "tanh")])
def test_input_sensitivity_equals_autograd_jacobian(layers, bidirectional, nonlinearity):
    module = make_rnn(3, 4, num_layers=layers, bidirectional=bidirectional,
                      nonlinearity=nonlinearity, seed=4)
    T, D, H = 6, (2 if bidirectional else 1), 4
    x = torch.from_numpy(np.random.default_rng(5).standard_normal((T, 3)))
    jac = torch.autograd.functional.jacobian(lambda z: module(z)[0], x)  # (T, D·H, T, in)
    # ‖∂h_t/∂x_s‖_F per direction: (T, D, H, T, in) -> (D, T, T, H·in)
    blocks = jac.reshape(T, D, H, T, 3).permute(1, 0, 3, 2, 4).reshape(D, T, T, H * 3)
    expected = blocks.norm(dim=-1).numpy()

    S = input_sensitivity(trace_rnn(module, x))

    np.testing.assert_allclose(S, expected, rtol=1e-10, atol=1e-14)
    # A forward state never depends on later inputs, a backward one never on earlier inputs;
    # with tanh (never exactly flat) it depends on every input on its side, however far.
    # Above a bidirectional layer both directions have seen the whole sentence.
    if bidirectional and layers > 1:
        assert nonlinearity != "tanh" or np.all(S > 0)
        return
    assert np.all(S[0][np.triu_indices(T, k=1)] == 0)
    if nonlinearity == "tanh":
        assert np.all(S[0][np.tril_indices(T)] > 0)
    if bidirectional:
        assert np.all(S[1][np.tril_indices(T, k=-1)] == 0)
        if nonlinearity == "tanh":
            assert np.all(S[1][np.triu_indices(T)] > 0)


def test_sensitivity_of_a_non_finite_pass_is_nan_not_an_error():
    fp = forward_pass(["나는 오늘 학교에 간다"], nonlinearity="relu", weight_scale=1e128)
    assert fp.blowup is not None
    assert np.isnan(fp.sensitivity).any()


@pytest.mark.parametrize("T", [1, 2, 7])
@pytest.mark.parametrize("layers", [1, 2, 3])
@pytest.mark.parametrize("D", [1, 2])
def test_cell_order_runs_every_cell_after_its_inputs(T, layers, D):
    order = cell_order(T, layers, D)
    assert sorted(order) == [(k, d, t) for k in range(layers) for d in range(D) for t in range(T)]
    position = {cell: i for i, cell in enumerate(order)}
    waves = schedule(T, layers, D)
    for k, d, t in order:
        inputs = [(k - 1, e, t) for e in range(D)] if k else []
        prev = t - 1 if d == 0 else t + 1
        if 0 <= prev < T:
            inputs.append((k, d, prev))
        assert all(position[c] < position[(k, d, t)] for c in inputs)
        # The wave is the earliest possible: one after the latest input, 0 without inputs.
        assert waves[k, d, t] == (max(waves[c] for c in inputs) + 1 if inputs else 0)


@pytest.mark.parametrize("T", [1, 5, 64])
@pytest.mark.parametrize("layers", [1, 2, 3])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_cost_counts_steps_products_and_parameters(T, layers, bidirectional):
    cost = rnn_cost(T, 4, 3, layers, bidirectional)
    module = make_rnn(4, 3, num_layers=layers, bidirectional=bidirectional)
    assert cost.parameters == sum(p.numel() for p in module.parameters())
    # Every entry of every weight matrix is used in one multiply-add per time step.
    weights = sum(p.numel() for name, p in module.named_parameters() if name.startswith("weight_"))
    assert cost.multiply_adds == T * weights
    D = 2 if bidirectional else 1
    assert cost.cells == T * layers * D
    assert cost.sequential_steps == (layers * T if bidirectional else T + layers - 1)
    assert cost.sequential_steps >= T  # never fewer than T, however much runs in parallel


def test_relu_blowup_is_found_where_pytorch_overflows():
    fp = forward_pass(["나는 오늘 학교에 간다"], nonlinearity="relu", weight_scale=1e128)
    module = make_rnn(4, 3, nonlinearity="relu", weight_scale=1e128, seed=1)
    out_ref, _ = _reference(module, np.array(fp.x), None)
    first_bad = int(np.argmax(~np.isfinite(out_ref).all(axis=1)))
    assert not np.isfinite(out_ref).all()
    assert (fp.blowup.layer, fp.blowup.direction, fp.blowup.t) == (0, 0, first_bad)
    assert fp.blowup.step == first_bad + 1
    assert fp.blowup.n_inf + fp.blowup.n_nan == int((~np.isfinite(out_ref)).sum())
    assert fp.rnn_diff == 0.0  # inf and NaN in the same places as PyTorch
    assert np.isnan(fp.probs[-1]).all()
    # tanh at the same scale stays finite, pinned at ±1.
    capped = forward_pass(["나는 오늘 학교에 간다"], nonlinearity="tanh", weight_scale=1e128)
    assert capped.blowup is None and capped.saturated_fraction > 0.9


def test_float32_overflows_before_float64():
    fp = forward_pass(["나는 오늘 학교에 간다"], nonlinearity="relu", weight_scale=1e16)
    assert fp.blowup is None and fp.max_abs_state > float(np.finfo(np.float32).max)
    module = make_rnn(4, 3, nonlinearity="relu", weight_scale=1e16, seed=1).float()
    with torch.no_grad():
        out32 = module(torch.tensor(fp.x).float())[0].numpy()
    first_bad = int(np.argmax(~np.isfinite(out32).all(axis=1)))
    assert not np.isfinite(out32).all()
    assert fp.blowup_float32 is not None and fp.blowup_float32.t == first_bad


def test_find_blowup_in_a_bidirectional_stack_follows_running_order():
    module = make_rnn(2, 3, num_layers=2, bidirectional=True, nonlinearity="relu", bias=False)
    with torch.no_grad():
        for name, p in module.named_parameters():
            p.fill_(1e200 if name.endswith("l1") else 0.5)  # only layer 2 (forward) overflows
    trace = trace_rnn(module, np.ones((4, 2)))
    b = find_blowup(trace)
    assert b is not None and (b.layer, b.direction) == (1, 0)
    assert b.step == 2 * 4 + b.t + 1  # after both directions of layer 1
    assert find_blowup(trace_rnn(make_rnn(2, 3), np.ones((4, 2)))) is None


def test_max_difference_treats_matching_infinities_and_nan_as_agreement():
    a = np.array([1.0, np.inf, -np.inf, np.nan, 1e30])
    assert max_difference(a, a.copy()) == 0.0
    assert max_difference(a, np.array([1.0, np.inf, -np.inf, np.nan, 1e30 + 1e16])) == pytest.approx(1e-14)
    assert max_difference(a, np.array([0.5, np.inf, -np.inf, np.nan, 1e30])) == 0.5  # absolute below 1
    assert max_difference(a, np.array([2.0, np.inf, -np.inf, np.nan, 1e30])) == 0.5  # relative above
    assert max_difference(a, np.array([1.0, -np.inf, -np.inf, np.nan, 1e30])) == np.inf
    assert max_difference(a, np.array([1.0, np.inf, -np.inf, 0.0, 1e30])) == np.inf
    with pytest.raises(ValueError):
        max_difference(a, a[:2])


@pytest.mark.parametrize("T", [1, 4])
def test_use_patterns_feed_and_read_the_right_steps(T):
    shapes = {p.name: p for p in use_patterns(T, T + 2)}
    assert list(shapes) == ["one_to_one", "one_to_many", "many_to_one", "many_to_many", "encoder_decoder"]
    every = tuple(range(T))
    one = shapes["one_to_one"]
    assert (one.cells, one.fed, one.read, one.feedback) == (1, (0,), (0,), ())
    assert shapes["one_to_many"].fed == (0,) and shapes["one_to_many"].read == every
    assert shapes["one_to_many"].feedback == tuple(range(1, T))  # every later input is an output
    assert shapes["many_to_one"].fed == every and shapes["many_to_one"].read == (T - 1,)
    assert shapes["many_to_many"].fed == every == shapes["many_to_many"].read
    enc_dec = shapes["encoder_decoder"]
    assert enc_dec.cells == 2 * T + 2 and enc_dec.decoder_from == T and enc_dec.fed == every
    assert enc_dec.read == tuple(range(T, 2 * T + 2))  # nothing is read while encoding
    assert enc_dec.feedback == tuple(range(T + 1, 2 * T + 2))
    for p in shapes.values():  # a cell is fed a token or an output, never both
        assert not set(p.fed) & set(p.feedback)
        assert all(0 <= i < p.cells for i in (*p.fed, *p.read, *p.feedback))


# --- the badge when both passes overflow -------------------------------------------------------
def test_torch_layer_states_are_pytorchs_own_layers():
    from core.rnn import torch_layer_states

    module = make_rnn(3, 4, num_layers=3, bidirectional=True, seed=2)
    x = np.random.default_rng(0).standard_normal((6, 3))
    states = torch_layer_states(module, x)
    with torch.no_grad():
        out, _ = module(torch.from_numpy(x))
    np.testing.assert_allclose(np.concatenate(states[-1], axis=1), out.numpy(), rtol=0, atol=1e-12)
    trace = trace_rnn(module, x)
    for k in range(3):
        for d in range(2):
            np.testing.assert_allclose(states[k][d], trace.layers[k][d].h, rtol=0, atol=1e-12)


def test_both_passes_overflowing_is_an_agreement_not_a_bug():
    """ReLU at ×1e128 in three layers: both first overflow at the same cell; before it, equal."""
    from core.rnn import forward_pass

    fp = forward_pass(["I go to school today"], 0, hidden_size=16, nonlinearity="relu",
                      weight_scale=1e128, num_layers=3)
    assert fp.blowup is not None
    assert fp.compared_cells == fp.blowup.step - 1
    assert fp.rnn_diff <= 1e-12


def test_a_trace_that_overflows_elsewhere_than_pytorch_is_a_mismatch(monkeypatch):
    import core.rnn as rnn_module

    real = rnn_module.torch_layer_states

    def shifted(module, x):  # PyTorch's states with its first overflow one cell later
        states = [list(d) for d in real(module, x)]
        states[0][0] = states[0][0].copy()
        states[0][0][2] = 0.0
        return tuple(tuple(d) for d in states)

    monkeypatch.setattr(rnn_module, "torch_layer_states", shifted)
    fp = rnn_module.forward_pass(["I go to school today"], 0, hidden_size=16, nonlinearity="relu",
                                 weight_scale=1e128, num_layers=3)
    assert fp.rnn_diff == float("inf")
