"""Play and replay: the turn protocol, decisions and inputs files, expected actions judged
by their effect, whole runs with bots, comparisons over seeds, run files, where replays run."""
