"""A seed means the same weights, whatever else the server is doing (issue: shared-server faults).

Torch has one global RNG per process. When two visitors' script threads built seeded models
from it at the same time, their draws interleaved: each got weights belonging to neither seed,
the wrong weights were cached for every later visitor, and the PyTorch badge could not see it
(trace and module shared the wrong weights). Every seeded construction now draws from a
``torch.Generator`` of its own. These tests build the pages' models from many threads at once,
while another thread keeps drawing from the global RNG, and compare them with builds made alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import torch

from core import attention, bptt, gru, lstm, rnn, text
from core.text import TokenizerSpec, text_to_tensors

ROOT = Path(__file__).resolve().parents[1]


def flat(module: torch.nn.Module) -> np.ndarray:
    """Every parameter of ``module``, in order, as one float64 vector."""
    return torch.cat([p.detach().double().flatten() for p in module.parameters()]).numpy()


# Each builder returns one vector of numbers that depends only on its seed.
BUILDERS: dict[str, Callable[[int], np.ndarray]] = {
    "make_rnn": lambda s: flat(rnn.make_rnn(4, 3, num_layers=2, bidirectional=True, seed=s)),
    "make_readout": lambda s: flat(rnn.make_readout(6, 11, seed=s)),
    "make_lstm": lambda s: flat(lstm.make_lstm(4, 5, forget_bias=1.0, seed=s)),
    "make_gru": lambda s: flat(gru.make_gru(4, 5, seed=s)),
    "make_embedding": lambda s: flat(text.make_embedding(13, 4, seed=s)),
    "make_mha": lambda s: flat(attention.make_mha(8, 2, seed=s)),
    "make_encoder_layer": lambda s: flat(attention.make_encoder_layer(8, 2, 32, seed=s)),
    "make_decoder_layer": lambda s: flat(attention.make_decoder_layer(8, 2, 32, seed=s)),
    "bptt.make_recurrent": lambda s: np.concatenate([
        flat(bptt.make_recurrent(kind, 3, 4, activation=act, seed=s))
        for kind, act in (("rnn", "tanh"), ("rnn", "sigmoid"), ("lstm", "tanh"), ("gru", "tanh"))]),
    "bptt.make_head": lambda s: flat(bptt.make_head(4, 9, s, torch.float64)),
    "single_head_attention": lambda s: attention.single_head_attention(
        np.eye(4, 6), 3, 2, seed=s).output.ravel(),
    "lstm_api_shapes": lambda s: np.array(
        [lstm.lstm_api_shapes(2, 3, 4, 1, 5, seed=s).numel], dtype=float),
    # What the RNN forward and Self-attention pages compute from a seed, end to end.
    "rnn.forward_pass": lambda s: rnn.forward_pass(
        ["I go to school today"], 0, hidden_size=4, seed=s).trace.layers[0][0].h.ravel(),
    "text_to_tensors + attend_sentence": lambda s: _attention_page(s),
}


def _attention_page(seed: int) -> np.ndarray:
    tt = text_to_tensors(["나는 오늘 학교에 간다"], TokenizerSpec("word"), d=8, seed=seed,
                         add_bos=False, add_eos=False)
    layer = attention.make_encoder_layer(8, 2, 32, seed=seed)
    run = attention.attend_sentence(layer, tt.embedded[0, : len(tt.sentences[0].tokens)], positional=True)
    return np.asarray(run.layer.output).ravel()


SEEDS = range(12)


def test_each_builder_is_deterministic_and_depends_on_its_seed():
    for name, build in BUILDERS.items():
        a, b = build(3), build(3)
        np.testing.assert_array_equal(a, b, err_msg=name)
        if name != "lstm_api_shapes":  # a parameter count does not depend on the seed
            assert not np.array_equal(a, build(4)), name


def test_many_threads_at_once_build_exactly_what_one_thread_builds():
    alone = {(name, s): build(s) for name, build in BUILDERS.items() for s in SEEDS}
    stop = threading.Event()

    def other_visitor() -> None:
        """Another visitor drawing from the global RNG: sampling, dropout, plain module init."""
        while not stop.is_set():
            torch.rand(64)
            torch.nn.Linear(16, 16)
            torch.nn.functional.dropout(torch.ones(32), 0.5, training=True)

    noise = [threading.Thread(target=other_visitor, daemon=True) for _ in range(2)]
    for th in noise:
        th.start()
    try:
        jobs = [(name, s) for _ in range(3) for name in BUILDERS for s in SEEDS]
        with ThreadPoolExecutor(max_workers=8) as pool:
            together = list(pool.map(lambda job: (job, BUILDERS[job[0]](job[1])), jobs))
    finally:
        stop.set()
        for th in noise:
            th.join()
    differing = sorted({job for job, got in together if not np.array_equal(got, alone[job])})
    assert differing == [], f"{len(differing)} of {len(alone)} (builder, seed) pairs differ: {differing[:5]}"


def test_building_a_seeded_model_leaves_the_global_rng_alone():
    state = torch.random.get_rng_state()
    for build in BUILDERS.values():
        build(5)
    assert torch.equal(torch.random.get_rng_state(), state)


@pytest.mark.parametrize("folder", ["core", "ui", "pages"])
def test_nothing_seeds_the_global_rng(folder):
    """torch.manual_seed / fork_rng would bring back the shared generator: seeds go to a Generator."""
    offenders = [
        f"{path.relative_to(ROOT)}:{i}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ("torch.manual_seed(" in line or "fork_rng(" in line or "torch.random.seed(" in line)
        and ".manual_seed(" not in line.replace("torch.manual_seed(", "")
    ]
    assert offenders == []
