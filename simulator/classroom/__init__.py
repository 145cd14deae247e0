"""Exercises in a classroom: the store, live exercises and their snapshots, exports and
backups, courses, records, certificates and the competency framework."""
