"""Display mutations, one module per page: ``MUTATIONS = [Mutation(...), ...]`` (see tests/mutation.py)."""
