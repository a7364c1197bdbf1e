"""Stage 5 – Word rendering.

Takes a template in ``vorlagen/``, the context a document kind built (stage 4) and the document
properties, and gives the finished .docx as bytes: docxtpl in a sandboxed Jinja environment,
images with alternative text, German quotes normalised. Nothing is written to disk here.
"""
