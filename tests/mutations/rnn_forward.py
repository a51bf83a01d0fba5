"""Display bugs planted on the RNN forward page."""

from tests.mutation import Mutation

FIG = "ui/figures_rnn_forward.py"
TESTS = ("tests/test_page_rnn_forward.py",)

MUTATIONS = [
    Mutation("every LaTeX matrix written transposed", FIG,
             "    rows = [\" & \".join(tex_number(float(v)) for v in row) for row in m]",
             "    rows = [\" & \".join(tex_number(float(v)) for v in row) for row in m.T]", TESTS),
]
