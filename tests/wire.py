"""A crafted Streamlit client: speaks the app's WebSocket protocol directly, with no browser.

A browser obeys a widget's ``max_chars``; a crafted client sends whatever it likes. The tests and
``bench/oversized_text.py`` use this client to send widget values no browser would, and to time
an ordinary rerun the same way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect


@dataclass
class RunResult:
    """What one script run sent back: the text of every element, exceptions, how long it took."""

    seconds: float
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    widget_ids: dict[str, str] = field(default_factory=dict)  # user key -> widget id


def _element_texts(msg: ForwardMsg, into: RunResult) -> None:
    if not msg.HasField("delta") or not msg.delta.HasField("new_element"):
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return
    body = getattr(element, kind)
    if kind == "exception":
        into.exceptions.append(f"{body.type}: {body.message}")
    for name in ("body", "label", "message"):
        value = getattr(body, name, None)
        if isinstance(value, str) and value:
            into.texts.append(value)
    widget_id = getattr(body, "id", "")
    if isinstance(widget_id, str) and widget_id.startswith("$$ID") and "-" in widget_id:
        into.widget_ids[widget_id.rsplit("-", 1)[-1]] = widget_id


class CraftedClient:
    """One session of the app at ``url`` (http://host:port), driven message by message."""

    def __init__(self, url: str, path: str = "", query: str = "lang=en") -> None:
        self._connection = connect(
            url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
            max_size=None, open_timeout=30)
        self.ws: ClientConnection = self._connection.__enter__()
        self.path, self.query = path, query
        self.widgets: dict[str, str] = {}

    def close(self) -> None:
        self._connection.__exit__(None, None, None)

    def __enter__(self) -> CraftedClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rerun(self, values: dict[str, str | int | float] | None = None, timeout: float = 120) -> RunResult:
        """Ask for a run with widget ``values`` by user key (text, int or float); wait for it to end."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.path
        for key, value in (values or {}).items():
            widget = state.widget_states.widgets.add()
            widget.id = self.widgets[key]
            if isinstance(value, str):
                widget.string_value = value
            elif isinstance(value, int):
                widget.int_value = value
            else:
                widget.double_value = value
        start = time.monotonic()
        self.ws.send(msg.SerializeToString())
        result = RunResult(0.0)
        deadline = start + timeout
        while True:
            raw = self.ws.recv(timeout=max(0.1, deadline - time.monotonic()))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            _element_texts(fwd, result)
            if fwd.HasField("script_finished"):
                result.seconds = time.monotonic() - start
                self.widgets |= result.widget_ids
                return result

    def closed_with(self, timeout: float = 30) -> int | None:
        """Wait until the server closes the connection; its close code (None if still open)."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                self.ws.recv(timeout=max(0.1, deadline - time.monotonic()))
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None
        except TimeoutError:
            return None
        return None
