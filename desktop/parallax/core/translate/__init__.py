"""Translation engines behind one `Engine` protocol."""
