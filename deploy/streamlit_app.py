"""Entrypoint for Streamlit Community Cloud.

Community Cloud installs the dependency file it finds beside the entrypoint first, so pointing
it here makes it install ``deploy/requirements.txt`` (CPU-only torch) instead of the root
``requirements.txt`` that local runs and CI use. Then it runs the real app.
"""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
