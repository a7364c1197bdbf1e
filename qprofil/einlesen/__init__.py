"""Stage 1 – reading the inputs.

Takes the project (``qprofil.toml`` and the files under ``daten/``) and gives frozen objects of
``qprofil.modell``: the quarters, the statistics as read (population by age band and sex, social
data, by area and Stichtag, each value with its source row), the Seniorenbüro surveys, plan
excerpts, measures, photo lists, citizen dialogues and geodata. Every problem is collected as a
``Befund`` naming file, sheet, row and column; a reader never computes an indicator and never
writes a file (the rows it has parsed may be kept in the cache object it is handed).
"""
