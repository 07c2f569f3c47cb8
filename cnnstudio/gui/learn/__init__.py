"""The Learn dock: each concept of the study notes explained on the selected block."""
