"""Read what a page *shows*: the numbers in its LaTeX, figures, tables, metrics and badges.

The display tests (``tests/test_display_*.py``) open a page through AppTest, read the values the
learner sees with these helpers, and compare them with a reference the test computes itself from
PyTorch (a module, autograd). Nothing here imports ``ui`` or calls the code that drew the page:
the parsers read the page's output as text, as a learner would, so a bug in a figure builder or
in a LaTeX formatter cannot hide by being used on both sides.
"""

from __future__ import annotations

import base64
import json
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

# --- figures -----------------------------------------------------------------------------------


def charts(at) -> dict[str, dict]:
    """Every Plotly chart drawn with a key, as its JSON spec, by key."""
    out = {}
    for c in at.get("plotly_chart"):
        key = c.proto.id.rsplit("-", 1)[-1] if "-" in c.proto.id else c.proto.id
        out[key] = json.loads(c.proto.spec)
    return out


def chart(at, key: str) -> dict:
    """The Plotly spec of the one chart drawn with ``key``."""
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, f"{len(found)} charts with key {key!r}"
    return json.loads(found[0].proto.spec)


def arr(value: Any) -> np.ndarray:
    """A data array of a Plotly spec: Plotly's typed array {dtype, bdata, shape}, or a list
    (floats, None → NaN; text or ragged rows stay objects)."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = tuple(int(n) for n in shape.split(","))
        return flat.reshape(shape) if shape else flat
    try:
        return np.array(value, dtype=float)
    except (TypeError, ValueError):
        return np.array(value, dtype=object)


def numbers(value: Any) -> np.ndarray:
    """A Plotly array as floats: None and unparsable entries become NaN."""
    if isinstance(value, dict) and "bdata" in value:
        return arr(value).astype(float)

    def conv(v: Any) -> Any:
        if isinstance(v, list):
            return [conv(x) for x in v]
        if v is None:
            return math.nan
        if isinstance(v, str):
            got = parse_number(v)
            return math.nan if got is None else got
        return float(v)

    return np.array(conv(value), dtype=float)


def traces(spec: dict, kind: str | None = None) -> list[dict]:
    """The figure's traces, optionally only those of one type (``heatmap``, ``bar`` …)."""
    return [d for d in spec.get("data", []) if kind is None or d.get("type") == kind]


def axis_ticks(spec: dict, axis: str = "xaxis") -> list[str]:
    """The tick labels the layout gives an axis (``xaxis``, ``yaxis2`` …), as plain text."""
    return [plain(t) for t in spec.get("layout", {}).get(axis, {}).get("ticktext", [])]


def annotations(spec: dict) -> list[str]:
    """Every annotation's text, as plain text."""
    return [plain(a.get("text", "")) for a in spec.get("layout", {}).get("annotations", [])]


def plain(text: str) -> str:
    """Plotly text without its HTML: tags removed, entities decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", str(text))).strip()


# --- numbers as text -------------------------------------------------------------------------------
_MINUS = "−–-"
_NUMBER = re.compile(r"[−–-]?\d+(?:[.,]\d+)*(?:\.\d+)?(?:e[+−-]?\d+)?", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """A number as a page writes it: 0.25, −1.3, 6.9e-04, 1,234, ∞, NaN (None if it is none)."""
    s = text.strip().replace("\u2009", "").replace("{,}", ",")
    if s in ("∞", "+∞", r"\infty"):
        return math.inf
    if s in ("−∞", "-∞", r"-\infty"):
        return -math.inf
    if s.lower() in ("nan", r"\text{nan}"):
        return math.nan
    m = re.fullmatch(r"([−–-]?)(\d[\d,]*(?:\.\d+)?)(?:e([+−–-]?\d+))?%?", s, re.IGNORECASE)
    if not m:
        return None
    sign = -1.0 if m.group(1) else 1.0
    value = float(m.group(2).replace(",", ""))
    if m.group(3):
        value *= 10.0 ** int(m.group(3).replace("−", "-").replace("–", "-"))
    return sign * value / (100.0 if s.endswith("%") else 1.0)


def numbers_in(text: str) -> list[float]:
    """Every plain number in a piece of text, in order."""
    out = []
    for m in _NUMBER.finditer(text):
        got = parse_number(m.group(0))
        if got is not None:
            out.append(got)
    return out


# --- LaTeX -----------------------------------------------------------------------------------------
def latex(at) -> list[str]:
    """The body of every ``st.latex`` block on the page, in order."""
    return [element.value for element in at.latex]


def tex_value(token: str) -> float:
    """One LaTeX number: 0.25, -1.30, 1.23{\\times}10^{5}, 6.9e-04, \\infty, \\text{NaN}."""
    s = token.strip().replace(" ", "").replace("{,}", "").replace(r"\,", "").replace("−", "-")
    s = s.replace(r"\mathbf", "").replace(r"\boldsymbol", "")
    while s.startswith("{") and s.endswith("}"):
        s = s[1:-1]
    if s in (r"\infty", r"+\infty"):
        return math.inf
    if s == r"-\infty":
        return -math.inf
    if s.lower() in (r"\text{nan}", "nan", r"\mathrm{nan}"):
        return math.nan
    m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)(?:\{?\\times\}?10\^\{?([+-]?\d+)\}?)?", s)
    if m:
        return float(m.group(1)) * (10.0 ** int(m.group(2)) if m.group(2) else 1.0)
    m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)e([+-]?\d+)", s, re.IGNORECASE)
    if m:
        return float(m.group(1)) * 10.0 ** int(m.group(2))
    raise ValueError(f"not a LaTeX number: {token!r}")


@dataclass(frozen=True)
class TexMatrix:
    """A matrix written in LaTeX, and the label under its brace (``W_{xh}``) when it has one."""

    values: np.ndarray  # (rows, cols)
    label: str | None
    start: int  # where it begins in the LaTeX source


_ENV = re.compile(r"\\begin\{([bpv]?matrix|Bmatrix)\}(.*?)\\end\{\1\}", re.S)


def tex_matrices(tex: str) -> list[TexMatrix]:
    """Every ``matrix`` environment in ``tex``, parsed into numbers, with its underbrace label."""
    found = []
    for m in _ENV.finditer(tex):
        rows = [r for r in re.split(r"\\\\(?:\[[^\]]*\])?", m.group(2)) if r.strip()]
        values = np.array([[tex_value(cell) for cell in row.split("&")] for row in rows], dtype=float)
        found.append(TexMatrix(values, _label_after(tex, m.end()), m.start()))
    return found


def _label_after(tex: str, end: int) -> str | None:
    """The ``_{…}`` right after the brace that closes an ``\\underbrace{…}`` ending at ``end``."""
    rest = tex[end:]
    m = re.match(r"\s*\}\s*_\{", rest)
    if not m:
        return None
    depth, i = 1, m.end()
    while i < len(rest) and depth:
        depth += {"{": 1, "}": -1}.get(rest[i], 0)
        i += 1
    return rest[m.end(): i - 1]


def tex_numbers(tex: str) -> list[float]:
    """Every number written in ``tex`` outside of sub- and superscripts, in order."""
    body = re.sub(r"[_^]\{[^{}]*\}|[_^]\w", " ", tex)  # drop indices such as h_{t-1}, W^{(2)}
    body = re.sub(r"\\(?:begin|end)\{[a-z]*\}", " ", body)
    pattern = re.compile(
        r"[+-]?\d+(?:\.\d+)?(?:\{?\\times\}?10\^\{?[+-]?\d+\}?|e[+-]?\d+)?|[+-]?\\infty|\\text\{NaN\}")
    return [tex_value(m.group(0)) for m in pattern.finditer(body)]


# --- text elements ---------------------------------------------------------------------------------
def texts(at) -> list[str]:
    """The text of every markdown, caption, alert and heading on the page."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning",
                 "error", "code"):
        out.extend(str(e.value) for e in getattr(at, kind))
    return out


@dataclass(frozen=True)
class Badge:
    """A PyTorch badge as shown: green or red, which module, the difference it states."""

    ok: bool
    module: str
    diff: float


_BADGE = re.compile(r"`(?P<module>[^`]+)`.*?(?P<diff>\d\.\de[+-]\d+)")


def badges(at) -> list[Badge]:
    """Every PyTorch badge (``✅ … `module` … 1.2e-16`` or ``❌ …``) on the page."""
    out = []
    for kind, ok in (("success", True), ("error", False)):
        for e in getattr(at, kind):
            text = str(e.value)
            mark = f"{getattr(e, 'icon', '') or ''}{text}"  # Streamlit moves a leading emoji to the icon
            m = _BADGE.search(text)
            if m and ("✅" in mark or "❌" in mark):
                out.append(Badge(ok, m.group("module"), float(m.group("diff"))))
    return out


def metrics(at) -> dict[str, str]:
    """Every ``st.metric`` as label → shown value."""
    return {str(m.label): str(m.value) for m in at.metric}


def table(at, index: int = 0):
    """The ``index``-th dataframe or table on the page, as a pandas DataFrame."""
    frames = list(at.dataframe) + list(at.table)
    return frames[index].value
