"""Stage 2 – evaluation.

Takes what stage 1 read and gives the figures: one tidy pandas table of the statistics (area,
level, Stichtag, sex, age band, feature, value) with the configured quarters added as areas of
their own, every indicator for every area and Stichtag computed on it in vectorised form, the
Stichtage a profile compares, and the spatial measures of a quarter. No I/O, no images.
"""
