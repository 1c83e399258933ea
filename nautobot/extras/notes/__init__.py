"""Notes: dated remarks by users on any object with notes, and the `notes/` endpoint of those objects."""
