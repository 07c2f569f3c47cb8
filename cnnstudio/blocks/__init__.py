"""The block catalog. Importing this package registers every block type in ``cnnstudio.core.REGISTRY``."""

from . import activation, composite, conv, dense, io, merge, norm, pooling, residual  # noqa: F401  (registration)
