"""Training slots shared by every visitor of one server: first come, first served, never lost.

A server on two CPU cores lets only a few visitors train at once; the others queue. A slot must
come back on every path out of a run: the run ends, the visitor presses Stop, clicks anything
else (Streamlit interrupts the script at its next element update), switches page, or closes the
tab. ``SlotPool.turn`` is the only way in, and it gives the slot (or the place in the queue) back
in a ``finally`` that already encloses the moment the slot is granted. Slots whose holder is gone
(its script thread has ended, or its session has disconnected) are reclaimed by the next visitor
who asks, and a run whose slot was reclaimed is told so and stops.

Pure Python, no Streamlit: ``ui/training.py`` passes in what it needs (who is asking, whether a
session is still there, how to show the wait), so the pool is tested on its own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count


@dataclass
class Ticket:
    """One request for a slot: who asked, from which thread, and whether it holds a slot now."""

    number: int
    owner: str  # the visitor's session id
    thread: threading.Thread = field(default_factory=threading.current_thread)
    asked_at: float = field(default_factory=time.monotonic)
    granted: bool = False
    reclaimed: bool = False  # the slot was taken back because its holder was gone


class SlotPool:
    """At most ``capacity`` tickets hold a slot at once; the rest wait in the order they asked."""

    def __init__(self, capacity: int, alive: Callable[[str], bool] = lambda owner: True) -> None:
        if capacity < 1:
            raise ValueError("a slot pool needs at least one slot")
        self.capacity = capacity
        self._alive = alive  # is this owner's session still there?
        self._cond = threading.Condition()
        self._holders: list[Ticket] = []
        self._queue: list[Ticket] = []
        self._numbers = count(1)

    # --- what a visitor sees ---------------------------------------------------------------------
    @contextmanager
    def turn(
        self, owner: str, *, timeout: float, on_wait: Callable[[int, float], None] | None = None,
        poll: float = 0.5,
    ) -> Iterator[Ticket | None]:
        """Queue for a slot and hold it for the body of the ``with``; ``None`` after ``timeout`` s.

        ``on_wait(ahead, waited_seconds)`` runs about every ``poll`` s while queued: the page draws
        the wait there, and Streamlit's interrupt (the visitor clicked something) surfaces there as
        an exception, which leaves the queue. The slot or the place in the queue is given back on
        every way out, including an exception thrown the instant the slot was granted.
        """
        ticket = self._join(owner)
        try:
            deadline = time.monotonic() + timeout
            while not self._wait_for_grant(ticket, min(poll, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    break
                if on_wait is not None:
                    on_wait(self.ahead_of(ticket), time.monotonic() - ticket.asked_at)
            yield ticket if ticket.granted else None
        finally:
            self._leave(ticket)

    def holds(self, ticket: Ticket) -> bool:
        """Whether ``ticket`` still holds its slot (False once it was reclaimed)."""
        with self._cond:
            return ticket.granted and not ticket.reclaimed

    def ahead_of(self, ticket: Ticket) -> int:
        """How many visitors are before ``ticket``: every holder, and those queued earlier."""
        with self._cond:
            if ticket.granted:
                return 0
            return len(self._holders) + (self._queue.index(ticket) if ticket in self._queue else 0)

    def snapshot(self) -> tuple[int, int]:
        """(slots held, visitors queued), after reclaiming the slots of visitors who have gone."""
        with self._cond:
            self._reclaim()
            return len(self._holders), len(self._queue)

    # --- bookkeeping, always under the lock ------------------------------------------------------
    def _join(self, owner: str) -> Ticket:
        with self._cond:
            ticket = Ticket(next(self._numbers), owner)
            self._queue.append(ticket)
            self._grant()
            return ticket

    def _wait_for_grant(self, ticket: Ticket, seconds: float) -> bool:
        with self._cond:
            self._grant()
            if not ticket.granted and seconds > 0:
                self._cond.wait(seconds)
                self._grant()
            return ticket.granted

    def _leave(self, ticket: Ticket) -> None:
        with self._cond:
            if ticket in self._holders:
                self._holders.remove(ticket)
            if ticket in self._queue:
                self._queue.remove(ticket)
            self._grant()
            self._cond.notify_all()

    def _reclaim(self) -> None:
        """Take back slots whose thread has ended or whose session has gone; drop such queuers."""
        for ticket in list(self._holders):
            if not ticket.thread.is_alive() or not self._alive(ticket.owner):
                ticket.reclaimed = True
                self._holders.remove(ticket)
        self._queue = [q for q in self._queue if q.thread.is_alive() and self._alive(q.owner)]

    def _grant(self) -> None:
        self._reclaim()
        while self._queue and len(self._holders) < self.capacity:
            ticket = self._queue.pop(0)
            ticket.granted = True
            self._holders.append(ticket)
            self._cond.notify_all()
