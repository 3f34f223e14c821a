"""The engine of Parallax: pure Python, never imports Qt."""
