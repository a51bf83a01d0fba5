"""Display bugs planted on the Home page's learning map."""

from tests.mutation import Mutation

PAGE = "pages/home.py"
TESTS = ("tests/test_display_home.py",)

MUTATIONS = [
    Mutation("the map is numbered from 0", PAGE,
             "for n, spec in enumerate((p for p in PAGES if p is not HOME), start=1):",
             "for n, spec in enumerate((p for p in PAGES if p is not HOME), start=0):", TESTS),
    Mutation("the map leaves out the last page", PAGE,
             "for n, spec in enumerate((p for p in PAGES if p is not HOME), start=1):",
             "for n, spec in enumerate((p for p in PAGES[1:-1]), start=1):", TESTS),
    Mutation("each box lists its concepts in reverse order", PAGE,
             'ids=", ".join(spec.concepts)', 'ids=", ".join(reversed(spec.concepts))', TESTS),
    Mutation("a page teaching one concept gets no concept caption", PAGE,
             "        if spec.concepts:", "        if spec.concepts[1:]:", TESTS),
]
