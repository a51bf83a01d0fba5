"""SeqLab for a public host: app.py behind the headers a public server needs.

``streamlit run serve.py`` serves exactly what ``streamlit run app.py`` serves (Streamlit finds
the ``app`` object below and runs it as an ASGI app), and adds, on every HTTP response:

- ``Content-Security-Policy: frame-ancestors …`` and ``X-Frame-Options``: which sites may show
  SeqLab in a frame (``SEQLAB_FRAME_ANCESTORS``, default only SeqLab itself; a Hugging Face Space
  needs ``'self' https://huggingface.co``);
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin``.

It also answers ``/_stcore/metrics`` (Streamlit's cache and session statistics) with 404, since a
class demo has no one to read them. Set the host names visitors use in ``server.allowedHosts``
(``STREAMLIT_SERVER_ALLOWED_HOSTS=seqlab.example.org``) against DNS rebinding.
"""

from __future__ import annotations

import os

import streamlit as st
from starlette.middleware import Middleware

FRAME_ANCESTORS = os.environ.get("SEQLAB_FRAME_ANCESTORS", "'self'")
HIDDEN_PATHS = ("/_stcore/metrics",)


class PublicHostHeaders:
    """Pure ASGI middleware: security headers on HTTP responses, 404 for hidden paths."""

    def __init__(self, app) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", f"frame-ancestors {FRAME_ANCESTORS}".encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]
        if FRAME_ANCESTORS.strip() == "'self'":
            self.headers.append((b"x-frame-options", b"SAMEORIGIN"))

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].rstrip("/").endswith(HIDDEN_PATHS):
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"text/plain"), *self.headers]})
            await send({"type": "http.response.body", "body": b"Not found"})
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, with_headers)


app = st.App("app.py", middleware=[Middleware(PublicHostHeaders)])
