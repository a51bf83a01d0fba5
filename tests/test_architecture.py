"""The house rules that keep data flowing one way: core never imports the UI."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_PACKAGES = {"streamlit", "plotly"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_sources_import_neither_streamlit_nor_plotly():
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & UI_PACKAGES)
        for path in (ROOT / "core").rglob("*.py")
        if imported_roots(path) & (UI_PACKAGES | {"ui", "pages"})
    }
    assert not offenders


def test_importing_every_core_module_loads_no_ui_package():
    modules = sorted(p.stem for p in (ROOT / "core").glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module('core.' + m)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in {'streamlit', 'plotly', 'ui'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_core_sets_one_torch_thread():
    code = "import torch; torch.set_num_threads(2); import core; print(torch.get_num_threads())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def test_no_page_or_ui_module_allows_raw_html():
    sources = [*ROOT.glob("app.py"), *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    assert not [str(p) for p in sources if "unsafe_allow_html" in p.read_text(encoding="utf-8")]


def test_every_page_file_is_registered_and_guarded():
    from ui.shell import PAGES

    files = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert files == {spec.key for spec in PAGES}
    for stem in files:
        assert "ensure_shell()" in (ROOT / "pages" / f"{stem}.py").read_text(encoding="utf-8"), stem
