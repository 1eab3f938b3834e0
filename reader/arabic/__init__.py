"""Arabic specifics: search folding, shaping and bidi. The only place that knows presentation forms."""
