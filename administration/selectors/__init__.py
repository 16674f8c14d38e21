"""Reads of the administration area: guideline diffs, dashboard figures, audit-log search."""
