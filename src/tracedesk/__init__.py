"""TraceDesk: a registry of people detained or missing in war, with tracing cases and evidence."""

__version__ = "0.1.0"
