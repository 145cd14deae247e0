"""Displacement validation: Flee-format cases, importing one as a scenario, and the engine
played against a case's observed camp counts."""
