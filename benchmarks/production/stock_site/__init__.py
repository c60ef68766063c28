"""A stock Wagtail 8 site, as ``wagtail start`` makes it (its settings, middleware, a home page and
a plain page type with a RichText body, DEBUG off), for benchmarks/production/versus_stock.py to
compare this project's pages against. Not part of the project: nothing imports it but the
benchmark, and it runs in its own process with its own settings and SQLite file."""
