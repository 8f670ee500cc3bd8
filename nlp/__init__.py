"""German text analysis for participation contributions; runs offline and never imports Flask."""
