"""The one training loop: deterministic, stoppable, budgeted, and safe for two visitors at once."""

import threading

import pytest
import torch
from torch import nn

from core.train import Budget, init_parameters, load_checkpoint, save_checkpoint, train


class Tiny(nn.Module):
    """A small LSTM classifier: does the sequence contain more 1s than 0s?"""

    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(2, 4)
        self.lstm = nn.LSTM(4, 8, batch_first=True)
        self.head = nn.Linear(8, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(self.embed(x))
        return self.head(out[:, -1]).squeeze(-1)


def sample(g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.randint(0, 2, (32, 7), generator=g)
    return x, (x.sum(1) > 3).float()


def loss_fn(model: Tiny, batch) -> torch.Tensor:
    x, y = batch
    return nn.functional.binary_cross_entropy_with_logits(model(x), y)


def accuracy(model: Tiny) -> dict[str, float]:
    x, y = sample(torch.Generator().manual_seed(99))
    return {"accuracy": float(((model(x) > 0).float() == y).float().mean())}


def run(seed: int, steps: int = 30, **kw):
    return train(Tiny(), sample, loss_fn, Budget(steps), seed=seed, **kw)


def test_same_seed_same_run_and_different_seed_different_run():
    a, b, c = run(3), run(3), run(4)
    assert a.losses == b.losses
    assert a.losses != c.losses
    for (name, p), q in zip(a.model.state_dict().items(), b.model.state_dict().values(),
                            strict=True):
        assert torch.equal(p, q), name


def test_the_run_does_not_touch_the_global_rng():
    model = Tiny()  # building a module draws from the global RNG; init_parameters then overwrites
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    train(model, sample, loss_fn, Budget(3), seed=1)
    assert torch.equal(torch.rand(3), expected)


def test_two_visitors_training_at_once_get_their_own_sequential_results():
    """Two threads (two sessions of one server) with interleaved global-RNG use by a third."""
    alone = {seed: run(seed, steps=40).losses for seed in (5, 6)}
    together: dict[int, list[float]] = {}
    stop = threading.Event()

    def noisy() -> None:  # another visitor drawing from the global RNG all the while
        while not stop.is_set():
            torch.manual_seed(123)
            torch.rand(100)

    def visitor(seed: int) -> None:
        together[seed] = run(seed, steps=40).losses

    threads = [threading.Thread(target=visitor, args=(s,)) for s in (5, 6)]
    noise = threading.Thread(target=noisy)
    noise.start()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    stop.set()
    noise.join()
    assert together == alone


def test_training_learns_the_task():
    result = run(0, steps=300, evaluate=accuracy, eval_every=100)
    assert result.losses[-1] < result.losses[0] / 2
    assert result.final_metrics["accuracy"] > 0.8
    assert [s for s, _ in result.evals] == [100, 200, 300]


def test_callback_sees_every_step_and_can_stop_the_run():
    seen: list[int] = []

    def on_progress(p) -> bool:
        seen.append(p.step)
        assert 0 < p.fraction <= 1 and p.result.losses[-1] == p.loss
        return p.step < 7

    result = run(0, steps=50, on_progress=on_progress)
    assert seen == list(range(1, 8))
    assert result.stopped == "stopped" and result.steps == 7


def test_time_budget_and_target_stop_early():
    slow = train(Tiny(), sample, loss_fn, Budget(100_000, max_seconds=0.3), seed=0)
    assert slow.stopped == "time" and slow.steps < 100_000 and slow.seconds < 5
    easy = train(Tiny(), sample, loss_fn, Budget(2_000, target_metric="accuracy",
                                                 target_value=0.0), seed=0,
                 evaluate=accuracy, eval_every=5)
    assert easy.stopped == "target" and easy.steps == 5


def test_a_blown_up_loss_stops_with_nan_instead_of_crashing():
    def exploding(model, batch):
        return loss_fn(model, batch) * float("inf")

    result = train(Tiny(), sample, exploding, Budget(20), seed=0)
    assert result.stopped == "nan" and result.steps == 1


def test_budget_rejects_nonsense():
    with pytest.raises(ValueError):
        Budget(0)
    with pytest.raises(ValueError):
        Budget(10, target_metric="accuracy")


def test_init_parameters_is_seeded_and_within_default_bounds():
    a, b = init_parameters(Tiny(), 7), init_parameters(Tiny(), 7)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(p, q)
    assert a.lstm.weight_hh_l0.abs().max() <= 1 / 8**0.5
    assert a.head.weight.abs().max() <= 1 / 8**0.5
    assert not torch.equal(init_parameters(Tiny(), 8).lstm.weight_ih_l0, a.lstm.weight_ih_l0)


def test_checkpoint_round_trip_is_safe_and_exact(tmp_path):
    model = run(2, steps=5).model
    path = tmp_path / "tiny.pt"
    save_checkpoint(path, model, {"vocab": ["0", "1"], "hidden": 8})
    state, meta = load_checkpoint(path)
    fresh = Tiny()
    fresh.load_state_dict(state)
    x, _ = sample(torch.Generator().manual_seed(1))
    assert torch.equal(fresh(x), model(x))
    assert meta == {"vocab": ["0", "1"], "hidden": 8}
