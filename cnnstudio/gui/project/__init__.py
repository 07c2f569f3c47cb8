"""The open project: the document and its undo commands, its file on disk (open, save, claim, watch), autosave and recovery."""
