"""Values an attacker or a careless editor puts in a project file (shared by the loader fuzz tests)."""

from cnnstudio.core.params import INT_LIMIT

HUGE_INTS = [INT_LIMIT + 1, 2**63, 10**20, 10**400, 10**4000, -(10**30), -(2**31) - 1]
HOSTILE_NAMES = [
    '"""x""";__import__("os").system("touch PWNED");"""',
    "__import__('os')",
    "x)\nimport os\n(",
    "x\n",
    "a b",
    "",
    " ",
    "class",
    "lambda",
    "layer1.import",
    "features.None",
    "a.__class__",
    "__init__",
    "1conv",
    "a..b",
    ".a",
    "a.",
    "naïve",
    "conv１",  # a full-width digit: Python would accept it, generated code should not depend on that
    "e\u0301",
    "\u202econv",
    "x\x00",
    "a" * 300,
    "a-b",
    "a/b",
    "{x}",
]
WRONG_META = {
    "description": [5, 1.5, True, None, [], {}, ["a"]],
    "preset": [5, [], {}, None, '"""x""";__import__("os")', "a b", "x\n", "p" * 500],
    "training": ["fast", 5, [], True],
    "weights": [5, ["w.safetensors"], {}, "a\nb"],
    "imported_from": [{}, 3, False],
}
