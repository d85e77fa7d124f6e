"""boardpaper: board papers from YAML and data, as Word and PDF."""

__version__ = "0.1.0"
