"""Renderers: the terminal (rich), JSON, Markdown, plots."""
