"""How fast the page "Language model" answers, and how long its training takes on this machine.

Measures: the median AppTest rerun after clicking the step player's "next" (a whole-script rerun;
in the browser only the fragment reruns, which is faster), the core calls behind a step
(``score_text``, ``sample``), the live training on a visitor's text (time to reach a target
cross-entropy) and the rebuild of one shipped model. Run ``.venv/bin/python bench/language_model.py``;
it prints the numbers and writes ``bench/results/language_model.json``. Wall-clock numbers on
this (shared, loaded) machine: reported, never asserted in tests.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import lm  # noqa: E402

STEPS = 10
TEXT = {"ko": "나는 오늘 학교에서 책을 읽었다.", "en": "The cat drank water at home today."}
OWN_TEXT = ("I like my cat.\nMy cat sleeps by the window.\nI give my cat some food.\n"
            "My cat eats the food and sleeps again.\n")
TARGET_CE = 1.0  # nats per character on the visitor's own text


def apptest_steps() -> list[float]:
    logging.disable(logging.WARNING)
    from tests.test_pages import open_page

    at = open_page("pages/language_model.py", lang="en")
    at.text_area(key="user_text").input(TEXT["en"]).run()
    times = []
    for _ in range(STEPS):
        t0 = time.perf_counter()
        at.button(key="lm_step__next").click().run()
        times.append(time.perf_counter() - t0)
    assert not at.exception
    return times


def core_calls() -> dict[str, float]:
    out = {}
    for lang in ("ko", "en"):
        model = lm.load_model(lang, "lstm")
        t0 = time.perf_counter()
        for _ in range(5):
            lm.score_text(model, TEXT[lang])
        out[f"score_text_{lang}_ms"] = round(200 * (time.perf_counter() - t0), 1)
        t0 = time.perf_counter()
        for s in range(5):
            lm.sample(model, temperature=0.8, top_k=10, seed=s, max_tokens=60)
        out[f"sample_60_{lang}_ms"] = round(200 * (time.perf_counter() - t0), 1)
    return out


def live_training() -> dict[str, object]:
    """Steps and seconds until the training cross-entropy (checked every 10 steps) reaches the target."""
    out: dict[str, object] = {}
    for cell in lm.CELLS:
        reached: dict[str, float] = {}

        def report(p, reached=reached) -> bool:
            if p.step % 10 == 0 and not reached:
                ce = lm.cross_entropy_per_token(p.result.model, lm.prepare_training_text(OWN_TEXT).lines)
                if ce[0] / ce[1] <= TARGET_CE:
                    reached.update(step=p.step, seconds=round(p.elapsed, 2))
                    return False
            return True

        result = lm.train_char_lm(OWN_TEXT, cell=cell, steps=lm.LIVE_MAX_STEPS,
                                  seconds=lm.LIVE_MAX_SECONDS, on_progress=report)
        out[cell] = {"target_ce": TARGET_CE, "reached": bool(reached), **reached,
                     "steps_run": result.steps, "seconds_run": round(result.seconds, 2),
                     "final_train_ce": round(result.final_metrics.get("train_ce", float("nan")), 4)}
    return out


def rebuild_one() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        c0 = time.process_time()
        lm.build_checkpoint(Path(tmp), langs=("en",), cells=("rnn",), word=False)
        return {"wall_s": round(time.perf_counter() - t0, 1), "cpu_s": round(time.process_time() - c0, 1)}


def main() -> None:
    steps = apptest_steps()
    results = {
        "machine": {"cpus": os.cpu_count(), "load_1min": round(os.getloadavg()[0], 1)},
        "apptest_step_rerun_s": {"median": round(statistics.median(steps), 3),
                                 "all": [round(x, 3) for x in steps]},
        "core": core_calls(),
        "live_training": live_training(),
        "rebuild_en_rnn": rebuild_one(),
    }
    print(json.dumps(results, indent=2))
    out = ROOT / "bench" / "results" / "language_model.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
