"""Writers for pipes: the article as plain text, Markdown or JSON Lines."""
