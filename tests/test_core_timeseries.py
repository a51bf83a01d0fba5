"""AR(τ), k-step predictions, the RNN latent state and the impulse responses of core.timeseries."""

import numpy as np
import pytest
import torch

from core.rnn import make_rnn
from core.timeseries import (
    K_MAX,
    TAU_MAX,
    WEIGHT_SCALE,
    ar_as_conv1d,
    ar_conv1d_max_diff,
    ar_free_run,
    ar_k_step,
    ar_one_step,
    design_matrix,
    fit_ar,
    fit_latent,
    impulse_response,
    latent_free_run,
    latent_k_step,
    latent_one_step,
    latent_states,
    noisy_periodic_series,
    rmse,
    series_study,
)


@pytest.fixture(scope="module")
def noisy():
    x, clean = noisy_periodic_series(300, 0.2, 0)
    return x, clean


def test_series_is_seeded_and_noise_free_at_zero_noise():
    a, _ = noisy_periodic_series(300, 0.3, 7)
    b, _ = noisy_periodic_series(300, 0.3, 7)
    c, _ = noisy_periodic_series(300, 0.3, 8)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    x, clean = noisy_periodic_series(300, 0.0, 5)
    assert np.array_equal(x, clean)
    t = np.arange(300)
    assert np.allclose(clean, np.sin(2 * np.pi * t / 24) + 0.5 * np.sin(2 * np.pi * t / 8), atol=1e-12)


def test_design_matrix_rows_hold_the_previous_tau_values():
    x = np.arange(10.0)
    X, y = design_matrix(x, 3, 3, 10)
    assert X.shape == (7, 3) and np.array_equal(X[0], [2.0, 1.0, 0.0]) and y[0] == 3.0
    with pytest.raises(ValueError, match="start must be"):
        design_matrix(x, 3, 2, 10)


@pytest.mark.parametrize("tau", [1, 2, 5, TAU_MAX])
def test_ar_fit_equals_numpy_lstsq(noisy, tau):
    x, _ = noisy
    fit = fit_ar(x, tau, 180)
    rows = np.arange(tau, 180)
    A = np.column_stack([x[rows - i] for i in range(1, tau + 1)] + [np.ones(len(rows))])
    coef, *_ = np.linalg.lstsq(A, x[rows], rcond=None)
    assert np.max(np.abs(fit.w - coef[:-1])) < 1e-10 and abs(fit.b - coef[-1]) < 1e-10
    # normal equations: the residual is orthogonal to every column
    assert np.max(np.abs(A.T @ (A @ np.r_[fit.w, fit.b] - x[rows]))) < 1e-8


def test_ar_fit_recovers_the_coefficients_of_a_known_ar_process():
    rng = np.random.default_rng(1)
    w_true, b_true = np.array([0.6, -0.3, 0.2]), 0.5
    x = np.zeros(40_000)
    for t in range(3, len(x)):
        x[t] = b_true + w_true @ x[t - 3:t][::-1] + 0.1 * rng.standard_normal()
    fit = fit_ar(x, 3, len(x))
    assert np.allclose(fit.w, w_true, atol=0.01)
    assert abs(fit.b - b_true) < 0.02
    assert abs(fit.train_rmse - 0.1) < 0.002  # the noise is all that is left


def test_two_sines_need_four_lags_and_then_extrapolate_exactly():
    """x_t of two sine waves obeys a linear recurrence of order 4 (2 per frequency)."""
    x, _ = noisy_periodic_series(300, 0.0, 0)
    markov = fit_ar(x, 1, 180)
    ar4 = fit_ar(x, 4, 180)
    assert markov.train_rmse > 0.1
    assert ar4.train_rmse < 1e-9
    assert rmse(ar_k_step(ar4, x, K_MAX), x) < 1e-6  # feeding on itself loses nothing


def test_one_step_prediction_is_b_plus_w_dot_window(noisy):
    x, _ = noisy
    fit = fit_ar(x, 3, 180)
    pred = ar_one_step(fit, x)
    assert np.isnan(pred[:3]).all()
    t = 100
    assert pred[t] == pytest.approx(fit.b + fit.w[0] * x[t - 1] + fit.w[1] * x[t - 2] + fit.w[2] * x[t - 3],
                                    abs=1e-12)


@pytest.mark.parametrize("tau", [1, 4, 9])
def test_ar_is_a_conv1d(noisy, tau):
    x, _ = noisy
    fit = fit_ar(x, tau, 180)
    conv = ar_as_conv1d(fit)
    assert isinstance(conv, torch.nn.Conv1d) and conv.kernel_size == (tau,)
    assert ar_conv1d_max_diff(fit, x) < 1e-12


def test_k_step_matches_an_explicit_loop_that_feeds_on_its_own_outputs(noisy):
    x, _ = noisy
    fit = fit_ar(x, 4, 180)
    k = 6
    fast = ar_k_step(fit, x, k)
    for t in (20, 150, 299):
        history = list(x[: t - k + 1])  # true values up to x_{t-k}
        for _ in range(k):
            history.append(fit.b + sum(fit.w[i - 1] * history[-i] for i in range(1, 5)))
        assert fast[t] == pytest.approx(history[-1], abs=1e-12)
    assert np.allclose(ar_k_step(fit, x, 1), ar_one_step(fit, x), equal_nan=True)


def test_k_step_predictions_degrade_as_k_grows(noisy):
    x, _ = noisy
    fit = fit_ar(x, 4, 180)
    test = slice(180, 300)
    errors = [rmse(ar_k_step(fit, x, k)[test], x[test]) for k in (1, 2, 4, 8)]
    assert errors == sorted(errors) and errors[-1] > 1.5 * errors[0]


def test_free_run_rows_are_the_k_step_predictions(noisy):
    x, _ = noisy
    fit = fit_ar(x, 3, 180)
    runs = ar_free_run(fit, x, 5)
    for k in range(1, 6):
        assert np.allclose(runs[k - 1, : 300 - k], ar_k_step(fit, x, k)[k:], equal_nan=True)


# --- the RNN latent state -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def latent(noisy):
    x, _ = noisy
    return fit_latent(x, 180, seed=0)


def test_latent_states_equal_torch_rnn(noisy, latent):
    x, _ = noisy
    module = make_rnn(1, latent.hidden, seed=0, weight_scale=WEIGHT_SCALE)
    with torch.no_grad():
        out, _ = module(torch.from_numpy(x).view(-1, 1))
    assert latent.torch_max_diff < 1e-12
    assert np.max(np.abs(latent.h - out.numpy())) < 1e-12
    assert np.max(np.abs(latent_states(latent, x) - out.numpy())) < 1e-12
    # h_{-1}: starting from another state changes the start but is forgotten later
    other = latent_states(latent, x, h_init=np.full(latent.hidden, 0.9))
    gap = np.linalg.norm(other - out.numpy(), axis=1)
    assert gap[0] > 0.1 and gap[-1] < 1e-6


def test_latent_read_out_is_ridge_least_squares(noisy, latent):
    x, _ = noisy
    A = np.hstack([latent.h[:179], np.ones((179, 1))])
    grad = A.T @ (A @ np.r_[latent.v, latent.c] - x[1:180]) + 1e-6 * np.r_[latent.v, latent.c]
    assert np.max(np.abs(grad)) < 1e-8  # the ridge normal equations hold


def test_latent_predictions_are_sound(noisy, latent):
    x, _ = noisy
    one = latent_one_step(latent, x)
    assert one[0] == pytest.approx(latent.c)  # x̂_0 reads h_{-1} = 0
    assert one[50] == pytest.approx(latent.h[49] @ latent.v + latent.c, abs=1e-12)
    assert np.allclose(latent_k_step(latent, x, 1)[1:], one[1:])
    runs = latent_free_run(latent, x, 3)
    h = latent.h[99]
    guesses = []
    for _ in range(3):
        guesses.append(h @ latent.v + latent.c)
        h = np.tanh(latent.W_xh[:, 0] * guesses[-1] + latent.W_hh @ h + latent.b)
    assert np.allclose(runs[:, 99], guesses, atol=1e-12)
    test = slice(180, 300)
    assert rmse(one[test], x[test]) < 0.4  # noise 0.2 is the floor; a window of 1 gets 0.44


# --- finite against infinite response ------------------------------------------------------------


@pytest.mark.parametrize("tau", [1, 3, 8])
def test_ar_response_is_finite_and_exactly_the_weights(noisy, latent, tau):
    x, _ = noisy
    fit = fit_ar(x, tau, 180)
    t0, delta = 200, 0.7
    resp = impulse_response(fit, latent, x, t0, delta)
    assert np.all(resp.ar[: t0 + 1] == 0.0)  # causal: nothing before or at t0 moves
    assert np.all(resp.ar[t0 + tau + 1:] == 0.0)  # exactly zero after t0 + τ
    assert np.allclose(resp.ar[t0 + 1: t0 + tau + 1], delta * fit.w, atol=1e-12)
    assert resp.last_ar_change() == t0 + tau


def test_rnn_response_lasts_and_fades(noisy, latent):
    x, _ = noisy
    fit = fit_ar(x, 4, 180)
    t0 = 200
    resp = impulse_response(fit, latent, x, t0, 1.0)
    assert np.all(resp.rnn[: t0 + 1] == 0.0)  # causal
    assert np.all(resp.rnn[t0 + 1: t0 + 30] != 0.0)  # every later prediction moves …
    assert np.all(resp.h_norm[t0:] > 0)
    early = np.max(np.abs(resp.rnn[t0 + 1: t0 + 6]))
    late = np.max(np.abs(resp.rnn[t0 + 30: t0 + 40]))
    assert late < 0.05 * early  # … by less and less
    assert np.max(resp.h_norm[t0 + 60:]) < 0.01 * resp.h_norm[t0]


def test_rnn_small_perturbation_follows_the_autograd_jacobian(noisy, latent):
    """For a small δ the change of every prediction is δ · ∂x̂_t/∂x_{t0}, from torch autograd."""
    x, _ = noisy
    t0, delta = 150, 1e-6
    resp = impulse_response(fit_ar(x, 2, 180), latent, x, t0, delta)
    module = make_rnn(1, latent.hidden, seed=0, weight_scale=WEIGHT_SCALE)
    xs = torch.from_numpy(x[:200].copy()).view(-1, 1).requires_grad_(True)
    out, _ = module(xs)
    v = torch.from_numpy(latent.v)
    for t in (t0 + 1, t0 + 5, t0 + 20):
        (grad,) = torch.autograd.grad(out[t - 1] @ v, xs, retain_graph=True)
        assert resp.rnn[t] == pytest.approx(delta * grad[t0, 0].item(), rel=1e-4, abs=1e-15)


def test_zero_perturbation_changes_nothing(noisy, latent):
    x, _ = noisy
    resp = impulse_response(fit_ar(x, 4, 180), latent, x, 100, 0.0)
    assert not resp.ar.any() and not resp.rnn.any() and resp.last_ar_change() is None


def test_bad_arguments_are_refused_with_a_message(noisy, latent):
    x, _ = noisy
    with pytest.raises(ValueError, match="τ must be"):
        fit_ar(x, 0, 180)
    with pytest.raises(ValueError, match="t0 must"):
        impulse_response(fit_ar(x, 2, 180), latent, x, 300, 1.0)
    with pytest.raises(ValueError, match="k must"):
        series_study(k=0)


def test_series_study_bundles_consistent_numbers():
    s = series_study(tau=4, k=8, noise=0.2, seed=0)
    assert s.n_train == 180 and len(s.x) == 300
    assert s.ar_rmse_by_k.shape == (K_MAX,) and s.ar_rmse_by_tau.shape == (TAU_MAX,)
    test = s.test
    assert s.ar_rmse_by_k[0] == pytest.approx(rmse(s.ar_one[test], s.x[test]))
    assert s.ar_rmse_by_k[7] == pytest.approx(rmse(s.ar_k[test], s.x[test]))
    assert s.rnn_rmse_by_k[7] == pytest.approx(rmse(s.rnn_k[test], s.x[test]))
    assert s.ar_rmse_by_tau[3] == pytest.approx(s.ar_rmse_by_k[0])
    assert s.conv_max_diff < 1e-12 and s.rnn.torch_max_diff < 1e-12
    assert all(np.isfinite(a).all() for a in (s.ar_rmse_by_k, s.rnn_rmse_by_k, s.ar_rmse_by_tau))
