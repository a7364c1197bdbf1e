"""qprofil – Quartiersprofile und Gremienvorlagen aus Excel-Daten und Word-Vorlagen."""

__version__ = "0.1.0"
