"""The scenario language: the file's models, its parameters, safe parsing, validation with
located problems in words, decision values and refusals, and the district generator.
Imports nothing else of the simulator."""
