"""The Qt user interface; it asks `parallax.core` for everything and only shows results."""
