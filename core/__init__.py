"""SeqLab's math: tokenisation, PyTorch models and step-by-step traces.

Nothing in this package imports Streamlit or Plotly (``tests/test_architecture.py``
enforces it), so every number a page shows can be computed and tested without a UI.
"""

import torch

# One thread per process: the app serves several visitors on a small CPU, and tiny
# matrices gain nothing from intra-op parallelism while paying its start-up cost.
torch.set_num_threads(1)
