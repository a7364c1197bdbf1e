"""Stage 6 – output.

Takes finished bytes and puts them on disk: the one atomic writer (inside ``berichte/``, never
over a file a person edited, with a manifest), the one cache object for every cached artefact
(table rows, photos, charts, maps), and the PDF/A conversion with LibreOffice. Every file
qprofil writes goes through here.
"""
