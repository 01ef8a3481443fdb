"""A reference architecture (FORA) as a catalogue: the importer (model XML -> catalogue JSON), the
catalogue file and its queries, name matching, and what a proposal's references point at.

The importer is a stage of its own: the rules and the report read the catalogue JSON only, never
the model's XML. Not to be confused with `im_lint.engine.catalogue`, the catalogue of rules.
"""
