"""The student's pages, one module per family of pages."""
