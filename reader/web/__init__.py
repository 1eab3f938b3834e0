"""News from the web: pages fetched with httpx (fetch.py, page.py), feeds parsed with feedparser."""
