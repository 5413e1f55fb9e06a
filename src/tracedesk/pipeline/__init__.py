"""The pipeline: pure Python stages with no Django import (names now; extraction and linking next)."""
