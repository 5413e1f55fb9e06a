"""The pipeline: pure Python stages, no Django (names now; extraction and linking next)."""
