"""Debrief: measures, ratings, counterfactuals, plots and the AAR/IP report.

Reads a run directory (events.jsonl, timeseries.csv, summary.json, inputs.json), never
the live model. Not built yet.
"""
