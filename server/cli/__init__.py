"""Command-line entry points: run, token, envoy config."""
