"""The block catalog. Importing this package registers every block type in ``cnnstudio.core.REGISTRY``."""

from . import activation, composite, conv, dense, generative, io, merge, norm, pooling  # noqa: F401  (registration)
