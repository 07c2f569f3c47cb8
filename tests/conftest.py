"""Suite-wide settings."""

import os

from hypothesis import settings

# CI replays a fixed set of examples so a submission is judged on the same cases every time; local runs keep
# exploring new ones (and hypothesis' database remembers any failure they find).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
