"""The world of one exercise: the model and its parts, effect primitives, conditions, the
event log, teams' knowledge and their situation reports, what is recorded of a turn."""
