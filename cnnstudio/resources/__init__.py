"""Files shipped with the package (bundled sample data); no code."""
