"""Workbench pages for the registry, one module per domain."""
