"""Writes of the administration area: one module per subject (guidelines, simulation, budget, users)."""
