"""Checks of a built paper: the prose against its figures, and accessibility.

They read the content records, the document model and the built files; they
never change anything.
"""
