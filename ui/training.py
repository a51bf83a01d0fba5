"""Live training in a page: a progress bar, a live loss curve, a stop button and a time cap.

Whatever a visitor trains belongs to their session (``st.session_state``), never to a cached,
shared model. A server-wide pool of slots (``ui/slots.py``) lets at most ``TRAINING_SLOTS`` runs
train at once, so a class that all presses "Train" together queues instead of starving each
other's 2 CPU cores; a slot comes back on every way out of a run, and a queued visitor can cancel.

Usage in a page::

    st.button(t("lm.train"), key="lm_train", on_click=ask, args=("lm_train",))
    if asked("lm_train"):
        run_live("lm_model", lambda report: core.lm.train_char_lm(text, on_progress=report))
    result = trained("lm_model")  # the TrainResult, also after the stop button or a page switch

(``ask``/``asked`` rather than ``if st.button(...)``: under AppTest a page's first run happens
outside app.py and ``ensure_shell`` reruns it, which swallows a plain button's click; a flag set
by the button's callback survives that rerun.)

The stop button works through Streamlit itself: clicking it asks for a rerun, which interrupts
the running script at its next element update. The callback keeps the run so far in the session
at every redraw, so a stopped run keeps the model it had reached.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.train import Progress, TrainResult
from ui.i18n import t
from ui.slots import SlotPool

TRAINING_SLOTS = 2  # runs training at once on the whole server
WAIT_FOR_SLOT_SECONDS = 60.0
REDRAW_SECONDS = 0.25  # the bar and the curve redraw at most 4 times a second
POLL_SECONDS = 0.5  # a queued visitor's wait is redrawn (and a click noticed) this often


def _session_alive(session_id: str) -> bool:
    """Whether a visitor's session is still connected (always True outside a real server)."""
    from streamlit.runtime import Runtime

    return not Runtime.exists() or bool(Runtime.instance().is_active_session(session_id))


SLOTS = SlotPool(TRAINING_SLOTS, alive=_session_alive)

Report = Callable[[Progress[Any]], bool | None]


def _session_id() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else f"thread-{threading.get_ident()}"


def _loss_frame(losses: list[float], max_points: int = 400) -> pd.DataFrame:
    """The loss curve, thinned to at most ``max_points`` points (a mean over each stride)."""
    stride = max(1, len(losses) // max_points)
    steps = list(range(1, len(losses) + 1))
    frame = pd.DataFrame({t("train.step"): steps, t("train.loss"): losses})
    if stride > 1:
        frame = frame.groupby(frame.index // stride).mean()
    return frame.set_index(t("train.step"))


def run_live(key: str, job: Callable[[Report], TrainResult[Any]]) -> TrainResult[Any] | None:
    """Run ``job(report)`` with a live progress bar, loss curve and stop button; keep the result in
    ``st.session_state[key]`` and return it (``None`` if no training slot came free in time).

    While every slot is taken the visitor sees their place in the queue and a cancel button; a
    click on anything (cancel included) leaves the queue at once. See ``ui/slots.py``.
    """
    waiting, cancel = st.empty(), st.empty()
    cancel_drawn = False

    def show_wait(ahead: int, waited: float) -> None:
        nonlocal cancel_drawn
        waiting.info(t("train.waiting", n=TRAINING_SLOTS, ahead=ahead, seconds=int(waited)),
                     icon=":material/hourglass_top:")
        if not cancel_drawn:  # a widget key may appear once per run
            cancel.button(t("train.cancel"), key=f"{key}__cancel", icon=":material/close:")
            cancel_drawn = True

    with SLOTS.turn(_session_id(), timeout=WAIT_FOR_SLOT_SECONDS, on_wait=show_wait,
                    poll=POLL_SECONDS) as ticket:
        waiting.empty()
        cancel.empty()
        if ticket is None:
            st.warning(t("train.busy"))
            return None
        st.button(t("train.stop"), key=f"{key}__stop", icon=":material/stop_circle:")
        bar = st.progress(0.0, text=t("train.starting"))
        curve = st.empty()
        last_draw = 0.0

        def report(p: Progress[Any]) -> bool:
            nonlocal last_draw
            if not SLOTS.holds(ticket):
                return False  # the slot was reclaimed: this visitor has gone
            now = time.monotonic()
            if now - last_draw < REDRAW_SECONDS and p.step < p.max_steps:
                return True
            last_draw = now
            p.result.stopped = "stopped"  # what it is if the stop button interrupts us now;
            st.session_state[key] = p.result  # train() sets the real reason at the end
            bar.progress(p.fraction, text=t("train.progress", step=p.step, steps=p.max_steps,
                                            loss=p.loss, seconds=p.elapsed))
            curve.line_chart(_loss_frame(p.result.losses), height=220)
            return True

        result = job(report)
        st.session_state[key] = result
        bar.progress(1.0, text=t("train.done", steps=result.steps, seconds=result.seconds))
        curve.line_chart(_loss_frame(result.losses), height=220)
        return result


def ask(key: str) -> None:
    """Button callback: remember that the visitor asked for ``key`` (see the module docstring)."""
    st.session_state[f"{key}__asked"] = True


def asked(key: str) -> bool:
    """Whether ``ask(key)`` ran since the last call; answers True once."""
    return bool(st.session_state.pop(f"{key}__asked", False))


def trained(key: str) -> TrainResult[Any] | None:
    """The visitor's last run under ``key`` (finished or stopped), if any."""
    result = st.session_state.get(key)
    return result if isinstance(result, TrainResult) else None


def stop_reason(result: TrainResult[Any]) -> str:
    """Why the run ended, in the visitor's language."""
    return t(f"train.stopped.{result.stopped}", steps=result.steps, seconds=result.seconds)
