"""Teacher pages, one module per family of pages."""
