"""Exports of a comparison: HTML, PDF, TMX, CSV/XLSX and JSON."""
