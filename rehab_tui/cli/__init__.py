"""The command line. Never imports Textual: `rehab today` has to start fast."""
