"""Stage 3 – images.

Takes evaluated figures and read inputs and gives the pictures a document shows: charts (age
structure, shares, Likert answers), maps and walkthrough photos made fit for a page (upright,
sized, JPEG, no metadata), each with caption and alternative text. Images are drawn or resized
once and kept in the one cache object that is handed in; this stage writes nothing itself.
"""
