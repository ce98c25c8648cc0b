"""The desktop app (PySide6). It shows what the core decides and never computes a result."""
