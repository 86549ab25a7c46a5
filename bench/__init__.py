"""The project's benchmark: `python -m bench` prints each figure beside its baseline."""
