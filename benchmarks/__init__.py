"""Benchmarks of the build and of the published site at scale (`python -m benchmarks`).

`benchmarks.run` builds synthetic catalogues of several sizes cold and after one added batch,
measures every phase, the floor (C YAML loader and one hash per record) and the browser figures,
and writes BENCHMARKS.md. `benchmarks.lookup` measures the certificate lookup index on its own.
"""
