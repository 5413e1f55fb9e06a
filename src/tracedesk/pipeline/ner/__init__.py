"""Stage 3 recognisers, one module per language; entities.py is the entry point."""
