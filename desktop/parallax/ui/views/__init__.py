"""Views: reading panes, segment grid, diff detail, coverage map, differences list."""
