"""The server-wide training slots (ui/slots.py): never lost, whatever way a run ends.

The fault this guards against: a visitor queued for a slot clicked something else; Streamlit's
interrupt fired the moment the slot was granted, before the code that gives it back, and after
two such visitors every Train button on the server waited 60 s and said "busy".
"""

from __future__ import annotations

import threading
import time

import pytest

from ui.slots import SlotPool


class Interrupt(Exception):
    """Stands in for Streamlit's RerunException: raised at the script's next element update."""


def hold(pool: SlotPool, owner: str, release: threading.Event, held: threading.Event) -> threading.Thread:
    """A visitor in another thread who takes a slot and keeps it until ``release`` is set."""

    def run() -> None:
        with pool.turn(owner, timeout=5) as ticket:
            assert ticket is not None
            held.set()
            release.wait(10)

    th = threading.Thread(target=run, daemon=True)
    th.start()
    assert held.wait(5)
    return th


def test_at_most_capacity_hold_and_the_queue_is_first_come_first_served():
    pool = SlotPool(2)
    release = threading.Event()
    holders = [hold(pool, f"v{i}", release, threading.Event()) for i in range(2)]
    assert pool.snapshot() == (2, 0)
    order: list[int] = []

    def queue(owner: str, started: threading.Event) -> None:
        def on_wait(ahead: int, waited: float) -> None:
            started.set()

        with pool.turn(owner, timeout=10, on_wait=on_wait, poll=0.02) as ticket:
            assert ticket is not None
            order.append(ticket.number)  # tickets are numbered in the order they asked

    waiters = []
    for owner in ("c", "d"):
        started = threading.Event()
        th = threading.Thread(target=queue, args=(owner, started), daemon=True)
        th.start()
        assert started.wait(5)
        waiters.append(th)
    assert pool.snapshot() == (2, 2)
    assert [pool.ahead_of(q) for q in pool._queue] == [2, 3]  # holders first, then earlier askers
    release.set()
    for th in holders + waiters:
        th.join(30)
    assert len(order) == 2 and pool.snapshot() == (0, 0)


def test_a_queued_visitor_who_clicks_elsewhere_gives_everything_back():
    """The leak, reproduced: queued visitors are interrupted, then a new visitor starts at once."""
    pool = SlotPool(2)
    release = threading.Event()
    holders = [hold(pool, f"trainer{i}", release, threading.Event()) for i in range(2)]
    interrupted: list[str] = []

    def queued_then_clicks(owner: str) -> None:
        calls = 0

        def on_wait(ahead: int, waited: float) -> None:
            nonlocal calls
            calls += 1
            if calls == 3:
                raise Interrupt  # the visitor clicked a knob while waiting

        try:
            with pool.turn(owner, timeout=10, on_wait=on_wait, poll=0.02):
                pytest.fail("an interrupted visitor must not get a slot")
        except Interrupt:
            interrupted.append(owner)

    clickers = [threading.Thread(target=queued_then_clicks, args=(f"q{i}",)) for i in range(2)]
    for th in clickers:
        th.start()
    for th in clickers:
        th.join(5)
    assert sorted(interrupted) == ["q0", "q1"] and pool.snapshot() == (2, 0)
    release.set()
    for th in holders:
        th.join(5)
    start = time.monotonic()
    with pool.turn("next visitor", timeout=5) as ticket:
        assert ticket is not None and pool.holds(ticket)
    assert time.monotonic() - start < 0.5
    assert pool.snapshot() == (0, 0)


def test_an_interrupt_the_instant_the_slot_is_granted_gives_it_back():
    pool = SlotPool(1)
    with pytest.raises(Interrupt), pool.turn("a", timeout=1) as ticket:
        assert ticket is not None
        raise Interrupt  # e.g. the first st.* call of the run, right after the grant
    assert pool.snapshot() == (0, 0)
    with pool.turn("b", timeout=1) as ticket:
        assert ticket is not None


def test_a_visitor_interrupted_while_granted_in_the_same_poll_gives_it_back():
    """The slot may come free between two polls; the interrupt then lands on a granted ticket."""
    pool = SlotPool(1)
    release, held = threading.Event(), threading.Event()
    holder = hold(pool, "holder", release, held)

    def on_wait(ahead: int, waited: float) -> None:
        release.set()
        holder.join(5)  # the slot is now free and goes to this visitor at its next check …
        raise Interrupt  # … but the visitor has clicked elsewhere

    with pytest.raises(Interrupt), pool.turn("clicker", timeout=5, on_wait=on_wait, poll=0.02):
        pass
    assert pool.snapshot() == (0, 0)


def test_waiting_past_the_timeout_returns_none_and_leaves_the_queue():
    pool = SlotPool(1)
    release = threading.Event()
    holder = hold(pool, "holder", release, threading.Event())
    waits: list[int] = []
    with pool.turn("late", timeout=0.3, on_wait=lambda ahead, waited: waits.append(ahead),
                   poll=0.05) as ticket:
        assert ticket is None
    assert waits and set(waits) == {1} and pool.snapshot() == (1, 0)
    release.set()
    holder.join(5)


def test_slots_of_visitors_who_have_gone_are_reclaimed():
    gone: set[str] = set()
    pool = SlotPool(1, alive=lambda owner: owner not in gone)
    # A holder whose session disconnected (tab closed): the next visitor gets the slot, and the
    # old run learns it no longer holds one (the page then stops that run).
    release, held = threading.Event(), threading.Event()
    tickets = []

    def run() -> None:
        with pool.turn("closed tab", timeout=5) as ticket:
            tickets.append(ticket)
            held.set()
            release.wait(10)

    th = threading.Thread(target=run, daemon=True)
    th.start()
    assert held.wait(5)
    gone.add("closed tab")
    with pool.turn("next", timeout=1) as ticket:
        assert ticket is not None
        assert not pool.holds(tickets[0]) and tickets[0].reclaimed
    release.set()
    th.join(5)
    assert pool.snapshot() == (0, 0)


def test_a_slot_whose_thread_ended_without_giving_it_back_is_reclaimed():
    pool = SlotPool(1)
    # Enter the pool's context in a thread and let the thread end with the context still open
    # (as if the code that gives the slot back had never run).
    contexts = []

    def leak() -> None:
        cm = pool.turn("leaker", timeout=1)
        cm.__enter__()
        contexts.append(cm)

    th = threading.Thread(target=leak)
    th.start()
    th.join(5)
    with pool.turn("next", timeout=1) as ticket:
        assert ticket is not None


def test_a_pool_needs_a_slot():
    with pytest.raises(ValueError):
        SlotPool(0)


def test_with_one_slot_the_first_to_ask_is_the_first_served():
    pool = SlotPool(1)
    release = threading.Event()
    holder = hold(pool, "holder", release, threading.Event())
    served: list[str] = []

    def queue(owner: str, started: threading.Event) -> None:
        with pool.turn(owner, timeout=30, on_wait=lambda ahead, waited: started.set(), poll=0.02) as ticket:
            assert ticket is not None
            served.append(owner)

    waiters = []
    for owner in ("first", "second", "third"):
        started = threading.Event()
        th = threading.Thread(target=queue, args=(owner, started), daemon=True)
        th.start()
        assert started.wait(10)
        waiters.append(th)
    release.set()
    for th in [holder, *waiters]:
        th.join(30)
    assert served == ["first", "second", "third"]
