"""core.rnn against torch.nn.RNN: the hand-written trace must reproduce the module exactly."""

import numpy as np
import pytest
import torch

from core.rnn import make_rnn, output_probs, softmax, trace_rnn

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
