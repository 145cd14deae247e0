"""Working with the tools people already use: the MSEL as a spreadsheet both ways, and an
exercise as a multi-agent environment (PettingZoo's parallel API)."""
