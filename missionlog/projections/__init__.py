"""Pure folds over events: no I/O, no SQL, no CLI."""
