"""Streamlit widgets every page shares: the text box, the step player, the PyTorch badge.

Widget state that should outlive a page switch is kept under a durable key (``kept``):
Streamlit forgets a widget's value when a run does not draw it, for instance on another page.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from core.text import MAX_CHARS, MAX_SENTENCES, MAX_TOKENS, clean_text, split_sentences
from ui.i18n import current_lang, t

PLAY_STEPS_PER_SECOND = 2  # at most 4 by design; 2 leaves time to read each step
# The text a new visitor starts with, in the language they arrive in.
EXAMPLE_TEXT = {"ko": "나는 오늘 학교에 간다\n고양이가 창가에서 잠을 잔다",
                "en": "I go to school today\nThe cat sleeps by the window"}
_DURABLE = "_keep_"


def remember(key: str) -> None:
    """Widget callback: copy the widget's value to its durable key."""
    st.session_state[_DURABLE + key] = st.session_state[key]


def kept(key: str, default: Any) -> dict[str, Any]:
    """Keyword arguments that make a widget's value survive page switches: the widget is seeded
    from its durable copy (or ``default``), and a callback keeps the copy up to date."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(_DURABLE + key, default)
    return {"key": key, "on_change": remember, "args": (key,)}


def text_input(*, max_lines: int = MAX_SENTENCES, max_tokens: int = MAX_TOKENS) -> list[str]:
    """The shared text box, with its caps stated and every correction explained.

    Returns the cleaned, capped lines; empty when there is nothing to show (a message says so).
    """
    default = EXAMPLE_TEXT[current_lang()]
    raw = st.text_area(
        t("input.label"), height=90, help=t("input.help"), max_chars=MAX_CHARS,
        **kept("user_text", default),
    )
    st.caption(t("input.caps", lines=max_lines, tokens=max_tokens, chars=MAX_CHARS))
    cleaned = clean_text(raw or "")
    if cleaned.removed_controls:
        st.info(t("input.controls_removed", n=cleaned.removed_controls))
    if cleaned.unreadable:
        st.info(t("input.unreadable", n=cleaned.unreadable))
    if cleaned.truncated_chars:
        st.warning(t("input.chars_cut", cap=MAX_CHARS, n=cleaned.truncated_chars))
    elif len(raw or "") >= MAX_CHARS:  # the box itself stops at the cap (max_chars)
        st.warning(t("input.at_cap", cap=MAX_CHARS))
    sentences, dropped = split_sentences(cleaned.text, max_lines)
    if dropped:
        st.warning(t("input.lines_cut", cap=max_lines, n=dropped))
    if not sentences:
        st.info(t("input.empty"))
    return sentences


def report_token_caps(dropped: Sequence[int], cap: int) -> None:
    """One warning per line whose tokens went past the cap."""
    for i, n in enumerate(dropped, start=1):
        if n:
            st.warning(t("input.tokens_cut", i=i, cap=cap, n=n))


def torch_badge(module: str, diff: float, tol: float = 1e-9) -> None:
    """State how far this page's step-by-step numbers are from PyTorch's, on this input."""
    if diff <= tol:
        st.success(t("check.match", module=module, diff=diff))
    else:
        st.error(t("check.mismatch", module=module, diff=diff))


def _query_step(n_steps: int) -> int | None:
    try:
        step = int(st.query_params.get("step", ""))
    except ValueError:
        return None
    return min(max(step, 1), n_steps)


def step_player(
    n_steps: int, render: Callable[[int], None], *, key: str = "step", bind_query: bool = True
) -> None:
    """First / back / next / last, a step slider and Play, then ``render(step)`` with t = 1 … n.

    The controls and ``render`` run inside one fragment, so a step reruns only them. While
    playing, the fragment reruns itself every 1/PLAY_STEPS_PER_SECOND s and stops at the end.
    The step is bound to ``?step=`` so that a link can open a given step.

    The step lives in ``st.session_state[key]``; the slider only shows it. Every rerun the
    browser asks for carries its last slider value, which on a busy server can be a step the
    player has already left; a live slider would read that echo as the learner moving it. So
    while Play runs the slider is a disabled copy under no key, and each start or stop of Play
    begins a new *epoch* whose slider has a key of its own (``f"{key}__slider"``, then
    ``f"{key}__slider1"`` …): a value sent for the slider of an earlier epoch is ignored.
    """
    s = st.session_state
    playing_key, tick_key, epoch_key = f"{key}__playing", f"{key}__tick", f"{key}__epoch"
    if key not in s:
        s[key] = (bind_query and _query_step(n_steps)) or s.get(_DURABLE + key, 1)
    s[key] = min(max(int(s[key]), 1), n_steps)
    interval = 1.0 / PLAY_STEPS_PER_SECOND
    if s.get(playing_key) and time.monotonic() - s.get(tick_key, 0.0) > 4 * interval:
        s[playing_key] = False  # a stale Play, e.g. left running on another page: stay put
        s[epoch_key] = s.get(epoch_key, 0) + 1
    s.setdefault(playing_key, False)
    s.setdefault(epoch_key, 0)

    def slider_key(epoch: int) -> str:
        return f"{key}__slider" if epoch == 0 else f"{key}__slider{epoch}"

    def go(step: int) -> None:
        s[key] = min(max(step, 1), n_steps)
        s[_DURABLE + key] = s[key]
        s[tick_key] = time.monotonic()  # a click during Play restarts the beat

    def slid(epoch: int) -> None:
        if s[playing_key] or epoch != s[epoch_key]:
            return  # an echo: the value of a slider drawn before Play last started or stopped
        go(int(s[slider_key(epoch)]))

    def toggle_play() -> None:
        if not s[playing_key] and s[key] >= n_steps:
            go(1)  # Play at the end starts over
        s[playing_key] = not s[playing_key]
        s[epoch_key] += 1
        s[tick_key] = time.monotonic()

    @st.fragment(run_every=interval if s[playing_key] else None)
    def player() -> None:
        if s[playing_key] and time.monotonic() - s.get(tick_key, 0.0) >= 0.9 * interval:
            s[tick_key] = time.monotonic()
            go(s[key] + 1)
        if s[playing_key] and s[key] >= n_steps:
            s[playing_key] = False
            s[epoch_key] += 1
        if s[playing_key] != player_is_timed:
            st.rerun()  # start or stop the timer: the whole page must redraw the fragment

        cols = st.columns([1, 1, 1, 1, 1.3, 6], vertical_alignment="bottom")
        at_start, at_end = s[key] <= 1, s[key] >= n_steps
        for col, (name, icon, target, off) in zip(cols, (
            ("first", ":material/first_page:", 1, at_start),
            ("prev", ":material/chevron_left:", s[key] - 1, at_start),
            ("next", ":material/chevron_right:", s[key] + 1, at_end),
            ("last", ":material/last_page:", n_steps, at_end),
        ), strict=False):
            col.button("", icon=icon, help=t(f"player.{name}"), key=f"{key}__{name}", on_click=go,
                       args=(target,), disabled=off, width="stretch")
        cols[4].button(
            t("player.pause") if s[playing_key] else t("player.play"),
            icon=":material/pause:" if s[playing_key] else ":material/play_arrow:",
            key=f"{key}__play", on_click=toggle_play, disabled=n_steps < 2,
            width="stretch", type="primary",
        )
        if n_steps > 1 and s[playing_key]:
            cols[5].slider(t("player.step"), 1, n_steps, value=s[key], disabled=True,
                           help=t("player.help", rate=PLAY_STEPS_PER_SECOND))
        elif n_steps > 1:
            epoch = s[epoch_key]
            s[slider_key(epoch)] = s[key]
            cols[5].slider(t("player.step"), 1, n_steps, key=slider_key(epoch), on_change=slid,
                           args=(epoch,), help=t("player.help", rate=PLAY_STEPS_PER_SECOND))
        else:
            cols[5].caption(t("player.single"))
        if bind_query:
            st.query_params["step"] = str(s[key])
        render(s[key])

    player_is_timed = s[playing_key]
    player()
