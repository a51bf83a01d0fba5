"""Autoregressive models on a time series: a fixed window against a hidden state (C2–C4).

Shown on the page "Sequence data", sections "AR(τ) and Markov models", "Latent
autoregression" and "Finite against infinite response".

**AR(τ).** An autoregressive model of order τ predicts the next value from a fixed window of
the last τ values, with weights w_1 … w_τ and a bias b fitted by least squares:

    x̂_t = b + w_1 x_{t-1} + w_2 x_{t-2} + … + w_τ x_{t-τ}

τ = 1 is the Markov model: only the latest value counts. The same weights slide along the
series, so the model is a one-dimensional convolution of width τ (``ar_as_conv1d`` builds the
equal ``torch.nn.Conv1d``).

**k-step-ahead prediction.** A 1-step prediction reads true values only. To look k steps
ahead the model must feed on its own outputs: it predicts x̂_{t-k+1} from true data, then
uses that guess to predict the next value, k times. Errors pile up, so the k-step
predictions drift away as k grows.

**Latent autoregression.** Instead of a window, a hidden state h_t summarises the whole
past; here a tanh RNN (``core.rnn``) with input x_t, hidden size H and h_{-1} = 0:

    h_t = tanh(W_xh x_t + b_xh + W_hh h_{t-1} + b_hh),    x̂_{t+1} = v·h_t + c

Its W_xh, W_hh and biases are PyTorch's random initialisation for the seed, times 1.5, and
are never trained; only the read-out v, c is fitted, by least squares like the AR weights (the idea of
an echo-state network). That keeps the fit exact, instant and the same for every visitor.

**Finite against infinite response.** Change one input x_{t0} by δ. An AR(τ) prediction
x̂_t reads x_{t0} only while t0 is inside its window, t0+1 ≤ t ≤ t0+τ: the response is finite
and exactly zero afterwards. The RNN's state carries the change forward for ever, h_t
depending on h_{t-1}, so every later prediction moves, by less and less as the state forgets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from core.rnn import make_rnn, trace_rnn

__all__ = [
    "ARFit",
    "ImpulseResponse",
    "LatentFit",
    "SeriesStudy",
    "ar_as_conv1d",
    "ar_conv1d_max_diff",
    "ar_free_run",
    "ar_k_step",
    "ar_one_step",
    "design_matrix",
    "fit_ar",
    "fit_latent",
    "impulse_response",
    "latent_free_run",
    "latent_k_step",
    "latent_one_step",
    "latent_states",
    "noisy_periodic_series",
    "rmse",
    "series_study",
]

SERIES_LENGTH = 300
TRAIN_SHARE = 0.6  # the first 60 % fit the models; the rest tests them
PERIODS = (24.0, 8.0)  # two sine waves: a slow one and a fast one
AMPLITUDES = (1.0, 0.5)
TAU_MAX = 16
K_MAX = 32
HIDDEN = 48
WEIGHT_SCALE = 1.5  # PyTorch's init × 1.5: W_hh's spectral radius near 0.9, a memory of some 20 steps
RIDGE = 1e-6  # keeps the read-out's normal equations well posed when states are collinear


def noisy_periodic_series(
    T: int = SERIES_LENGTH, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """x_t = sin(2πt/24) + 0.5 sin(2πt/8) + noise·ε_t with ε_t ~ N(0, 1); also the clean part. (T,), (T,)"""
    t = np.arange(T)
    clean = sum(a * np.sin(2 * np.pi * t / p) for a, p in zip(AMPLITUDES, PERIODS, strict=True))
    eps = np.random.default_rng(seed).standard_normal(T)
    return clean + noise * eps, clean


def rmse(pred: np.ndarray, target: np.ndarray) -> float:
    """Root mean squared error over the entries where ``pred`` is defined (not NaN)."""
    ok = np.isfinite(pred)
    return float(np.sqrt(np.mean((pred[ok] - target[ok]) ** 2))) if ok.any() else float("nan")


# --- AR(τ) ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ARFit:
    """x̂_t = b + Σ_i w[i-1] x_{t-i}: weights for lags 1 … τ, fitted on x_τ … x_{n_train-1}."""

    tau: int
    w: np.ndarray  # (τ,)  w[i-1] multiplies x_{t-i}
    b: float
    n_train: int
    train_rmse: float


def design_matrix(x: np.ndarray, tau: int, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows t = start … stop-1: X[row, i-1] = x_{t-i} (i = 1 … τ), y[row] = x_t. (n, τ), (n,)"""
    if start < tau:
        raise ValueError(f"the first row needs τ = {tau} earlier values; start must be ≥ {tau}, got {start}.")
    t = np.arange(start, stop)  # (n,)
    X = x[t[:, None] - np.arange(1, tau + 1)[None, :]]  # (n, τ)
    return X, x[t]


def fit_ar(x: np.ndarray, tau: int, n_train: int) -> ARFit:
    """Least-squares AR(τ) with a bias, on the first ``n_train`` values of x (T,)."""
    x = np.asarray(x, dtype=np.float64)
    if not 1 <= tau < n_train - 1:
        raise ValueError(f"τ must be between 1 and n_train - 2 = {n_train - 2}; got {tau}.")
    X, y = design_matrix(x, tau, tau, n_train)  # (n, τ), (n,)
    A = np.hstack([X, np.ones((len(y), 1))])  # (n, τ+1)
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)  # (τ+1,)
    w, b = coef[:-1], float(coef[-1])
    return ARFit(tau, w, b, n_train, rmse(A @ coef, y))


def ar_one_step(fit: ARFit, x: np.ndarray) -> np.ndarray:
    """x̂_t from the true x_{t-τ} … x_{t-1}, for t = τ … T-1; NaN before. (T,) -> (T,)"""
    x = np.asarray(x, dtype=np.float64)
    out = np.full(len(x), np.nan)
    X, _ = design_matrix(x, fit.tau, fit.tau, len(x))  # (T-τ, τ)
    out[fit.tau:] = fit.b + X @ fit.w
    return out


def ar_free_run(fit: ARFit, x: np.ndarray, k_max: int) -> np.ndarray:
    """Predictions j = 1 … k_max steps past every start s, feeding on its own outputs.

    ``out[j-1, s]`` predicts x_{s+j} from the true x_{s-τ+1} … x_s and the model's own
    x̂_{s+1} … x̂_{s+j-1}; NaN where s < τ-1 or s + j ≥ T. (T,) -> (k_max, T)
    """
    x = np.asarray(x, dtype=np.float64)
    T, tau = len(x), fit.tau
    out = np.full((k_max, T), np.nan)
    starts = np.arange(tau - 1, T)  # (S,)
    window = x[starts[:, None] - np.arange(tau)[None, :]]  # (S, τ): column i-1 holds x_{s-i+1}
    for j in range(1, k_max + 1):
        nxt = fit.b + window @ fit.w  # (S,)  the guess for x_{s+j}
        keep = starts + j < T
        out[j - 1, starts[keep]] = nxt[keep]
        window = np.hstack([nxt[:, None], window[:, :-1]])  # the guess becomes the newest lag
    return out


def ar_k_step(fit: ARFit, x: np.ndarray, k: int) -> np.ndarray:
    """x̂_t predicted k steps ahead: from true data up to x_{t-k}, then its own outputs. (T,) -> (T,)"""
    runs = ar_free_run(fit, x, k)  # (k, T)
    out = np.full(len(x), np.nan)
    out[k:] = runs[k - 1, : len(x) - k]
    return out


def ar_as_conv1d(fit: ARFit) -> torch.nn.Conv1d:
    """The same model as ``torch.nn.Conv1d(1, 1, τ)``: output j predicts x_{j+τ} (float64, eval)."""
    conv = torch.nn.Conv1d(1, 1, fit.tau, dtype=torch.float64)
    with torch.no_grad():
        # Conv1d correlates: out[j] = Σ_m weight[m] x[j+m] + bias; x[j+m] is lag τ-m of x_{j+τ}.
        conv.weight.copy_(torch.from_numpy(fit.w[::-1].copy()).view(1, 1, -1))
        conv.bias.fill_(fit.b)
    return conv.eval()


def ar_conv1d_max_diff(fit: ARFit, x: np.ndarray) -> float:
    """Largest |AR 1-step prediction − nn.Conv1d output| over the series."""
    with torch.no_grad():
        out = ar_as_conv1d(fit)(torch.as_tensor(x, dtype=torch.float64).view(1, 1, -1))  # (1, 1, T-τ+1)
    conv = out.view(-1).numpy()[:-1]  # the last output would predict x_T, past the series
    return float(np.max(np.abs(conv - ar_one_step(fit, x)[fit.tau:])))


# --- latent autoregression: an RNN state -----------------------------------------------------


@dataclass(frozen=True)
class LatentFit:
    """A fixed random tanh RNN (h_{-1} = 0) with a least-squares read-out x̂_{t+1} = v·h_t + c."""

    hidden: int
    seed: int
    W_xh: np.ndarray  # (H, 1)
    W_hh: np.ndarray  # (H, H)
    b: np.ndarray  # (H,)  b_xh + b_hh
    v: np.ndarray  # (H,)
    c: float
    h: np.ndarray  # (T, H)  states on the series it was fitted to
    torch_max_diff: float  # |trace_rnn − nn.RNN| on that series

    @property
    def spectral_radius(self) -> float:
        """max |eigenvalue| of W_hh: below 1, the linearised state forgets at that rate per step."""
        return float(np.max(np.abs(np.linalg.eigvals(self.W_hh))))


def fit_latent(x: np.ndarray, n_train: int, hidden: int = HIDDEN, seed: int = 0,
               weight_scale: float = WEIGHT_SCALE, ridge: float = RIDGE) -> LatentFit:
    """Run ``make_rnn(1, hidden, seed, weight_scale)`` over x (T,); fit its read-out on t < n_train."""
    x = np.asarray(x, dtype=np.float64)
    module = make_rnn(1, hidden, seed=seed, weight_scale=weight_scale)
    xs = torch.from_numpy(x).view(-1, 1)  # (T, 1)
    trace = trace_rnn(module, xs)
    with torch.no_grad():
        reference, _ = module(xs)  # (T, H)
    diff = float(np.max(np.abs(trace.output - reference.numpy())))
    layer = trace.layers[0][0]
    h = trace.h  # (T, H)
    A = np.hstack([h[: n_train - 1], np.ones((n_train - 1, 1))])  # (n-1, H+1): h_t for t = 0 … n-2
    y = x[1:n_train]  # x_{t+1}
    coef = np.linalg.solve(A.T @ A + ridge * np.eye(hidden + 1), A.T @ y)  # (H+1,)
    return LatentFit(hidden, seed, layer.W_xh, layer.W_hh, layer.b_xh + layer.b_hh,
                     coef[:-1], float(coef[-1]), h, diff)


def latent_states(fit: LatentFit, x: np.ndarray, h_init: np.ndarray | None = None) -> np.ndarray:
    """h_t for t = 0 … T-1 from h_{-1} = h_init (zeros by default), with the fit's weights. (T,) -> (T, H)"""
    x = np.asarray(x, dtype=np.float64)
    h = np.zeros(fit.hidden) if h_init is None else np.asarray(h_init, dtype=np.float64)
    states = np.empty((len(x), fit.hidden))
    for t, x_t in enumerate(x):
        h = np.tanh(fit.W_xh[:, 0] * x_t + fit.W_hh @ h + fit.b)
        states[t] = h
    return states


def latent_one_step(fit: LatentFit, x: np.ndarray, h: np.ndarray | None = None) -> np.ndarray:
    """x̂_t = v·h_{t-1} + c for t = 0 … T-1, where x̂_0 reads h_{-1} = 0. (T,) -> (T,)"""
    h = latent_states(fit, x) if h is None else h  # (T, H)
    before = np.vstack([np.zeros((1, fit.hidden)), h[:-1]])  # (T, H): h_{t-1}
    return before @ fit.v + fit.c


def latent_free_run(fit: LatentFit, x: np.ndarray, k_max: int, h: np.ndarray | None = None) -> np.ndarray:
    """Like ``ar_free_run``: ``out[j-1, s]`` predicts x_{s+j} from h_s, feeding guesses back. (k_max, T)"""
    h = latent_states(fit, x) if h is None else h  # (T, H)
    T = len(x)
    out = np.full((k_max, T), np.nan)
    state = h.copy()  # (T, H): one free run from every start s at once
    starts = np.arange(T)
    for j in range(1, k_max + 1):
        guess = state @ fit.v + fit.c  # (T,)  x̂_{s+j}
        keep = starts + j < T
        out[j - 1, keep] = guess[keep]
        state = np.tanh(guess[:, None] * fit.W_xh[:, 0][None, :] + state @ fit.W_hh.T + fit.b)
    return out


def latent_k_step(fit: LatentFit, x: np.ndarray, k: int, h: np.ndarray | None = None) -> np.ndarray:
    """x̂_t predicted k steps ahead from h_{t-k}. (T,) -> (T,)"""
    runs = latent_free_run(fit, x, k, h)
    out = np.full(len(x), np.nan)
    out[k:] = runs[k - 1, : len(x) - k]
    return out


# --- finite against infinite response -------------------------------------------------------


@dataclass(frozen=True)
class ImpulseResponse:
    """How every 1-step prediction moves when x_{t0} alone changes by δ."""

    t0: int
    delta: float
    x_perturbed: np.ndarray  # (T,)
    ar: np.ndarray  # (T,)  Δx̂_t of AR(τ); zero outside t0+1 … t0+τ
    rnn: np.ndarray  # (T,)  Δx̂_t of the RNN; non-zero from t0+1 on
    h_norm: np.ndarray  # (T,)  ‖Δh_t‖ of the RNN's state

    def last_ar_change(self) -> int | None:
        """The last t whose AR prediction moved, or None when none did."""
        moved = np.flatnonzero(self.ar)
        return int(moved[-1]) if len(moved) else None


def impulse_response(ar: ARFit, rnn: LatentFit, x: np.ndarray, t0: int, delta: float) -> ImpulseResponse:
    """Perturb x_{t0} by δ and difference both models' 1-step predictions."""
    x = np.asarray(x, dtype=np.float64)
    if not 0 <= t0 < len(x):
        raise ValueError(f"t0 must index the series, 0 … {len(x) - 1}; got {t0}.")
    x2 = x.copy()
    x2[t0] += delta
    d_ar = np.nan_to_num(ar_one_step(ar, x2) - ar_one_step(ar, x))  # NaN before τ: no prediction
    h, h2 = latent_states(rnn, x), latent_states(rnn, x2)
    d_rnn = latent_one_step(rnn, x2, h2) - latent_one_step(rnn, x, h)
    return ImpulseResponse(t0, float(delta), x2, d_ar, d_rnn, np.linalg.norm(h2 - h, axis=1))


# --- everything the page shows, in one call --------------------------------------------------


@dataclass(frozen=True)
class SeriesStudy:
    """The series, AR(τ) and the RNN fitted on it, their predictions and their errors."""

    x: np.ndarray  # (T,)  observed
    clean: np.ndarray  # (T,)  without noise
    noise: float
    n_train: int
    ar: ARFit
    rnn: LatentFit
    k: int
    ar_one: np.ndarray  # (T,)
    ar_k: np.ndarray  # (T,)
    rnn_one: np.ndarray  # (T,)
    rnn_k: np.ndarray  # (T,)
    ar_rmse_by_k: np.ndarray  # (K_MAX,)  test RMSE of k-step predictions, k = 1 … K_MAX
    rnn_rmse_by_k: np.ndarray  # (K_MAX,)
    ar_rmse_by_tau: np.ndarray  # (TAU_MAX,)  test RMSE of 1-step predictions, τ = 1 … TAU_MAX
    ar_k_rmse_by_tau: np.ndarray  # (TAU_MAX,)  test RMSE of k-step predictions
    conv_max_diff: float

    @property
    def test(self) -> slice:
        return slice(self.n_train, len(self.x))


def _test_rmse_by_k(runs: np.ndarray, x: np.ndarray, n_train: int) -> np.ndarray:
    """RMSE on the test targets t ≥ n_train of the j-step predictions, j = 1 … K. (K, T) -> (K,)"""
    T = len(x)
    out = np.empty(len(runs))
    for j in range(1, len(runs) + 1):
        targets = np.arange(n_train, T)
        out[j - 1] = rmse(runs[j - 1, targets - j], x[targets])
    return out


def series_study(tau: int = 4, k: int = 8, noise: float = 0.2, seed: int = 0,
                 T: int = SERIES_LENGTH) -> SeriesStudy:
    """Generate the series, fit AR(τ) and the RNN read-out, predict 1 and k steps ahead.

    ``seed`` draws both the noise and the RNN's random weights. Perturb it afterwards with
    ``impulse_response(study.ar, study.rnn, study.x, t0, delta)``.
    """
    if not 1 <= k <= K_MAX:
        raise ValueError(f"k must be 1 … {K_MAX}; got {k}.")
    x, clean = noisy_periodic_series(T, noise, seed)
    n_train = int(TRAIN_SHARE * T)
    ar = fit_ar(x, tau, n_train)
    rnn = fit_latent(x, n_train, seed=seed)
    ar_runs = ar_free_run(ar, x, K_MAX)  # (K_MAX, T)
    rnn_runs = latent_free_run(rnn, x, K_MAX, rnn.h)
    by_tau, k_by_tau = np.empty(TAU_MAX), np.empty(TAU_MAX)
    test = slice(n_train, T)
    for i in range(1, TAU_MAX + 1):
        fit_i = fit_ar(x, i, n_train)
        by_tau[i - 1] = rmse(ar_one_step(fit_i, x)[test], x[test])
        k_by_tau[i - 1] = rmse(ar_k_step(fit_i, x, k)[test], x[test])
    return SeriesStudy(
        x=x, clean=clean, noise=float(noise), n_train=n_train, ar=ar, rnn=rnn, k=k,
        ar_one=ar_one_step(ar, x), ar_k=ar_k_step(ar, x, k),
        rnn_one=latent_one_step(rnn, x, rnn.h), rnn_k=latent_k_step(rnn, x, k, rnn.h),
        ar_rmse_by_k=_test_rmse_by_k(ar_runs, x, n_train),
        rnn_rmse_by_k=_test_rmse_by_k(rnn_runs, x, n_train),
        ar_rmse_by_tau=by_tau, ar_k_rmse_by_tau=k_by_tau,
        conv_max_diff=ar_conv1d_max_diff(ar, x),
    )

