"""Sample grids: generated images (in [0, 1]) tiled into one PNG, for the run folder, the events and ``generate``."""

from __future__ import annotations

import base64
import io
import math
from pathlib import Path

import torch
from PIL import Image

from cnnstudio.core.safe_io import write_bytes


def tile(images: torch.Tensor, columns: int | None = None, padding: int = 2) -> torch.Tensor:
    """N×C×H×W images in [0, 1] as one C×H'×W' image, ``columns`` wide (a square by default), grey between."""
    from torchvision.utils import make_grid

    n = len(images)
    columns = columns or max(1, math.ceil(math.sqrt(n)))
    grid = make_grid(images.detach().float().cpu().clamp(0, 1), nrow=columns, padding=padding, pad_value=0.5)
    return grid[:1] if images.shape[1] == 1 else grid  # make_grid paints grey images in three channels


def png_bytes(image: torch.Tensor) -> bytes:
    """A C×H×W image in [0, 1] (1 or 3 channels) as PNG bytes, at full size."""
    data = (image.detach().float().cpu().clamp(0, 1) * 255).round().to(torch.uint8)
    if data.shape[0] not in (1, 3):
        data = data[:1]
    pixels = data[0].numpy() if data.shape[0] == 1 else data.permute(1, 2, 0).contiguous().numpy()
    buffer = io.BytesIO()
    Image.fromarray(pixels, "L" if data.shape[0] == 1 else "RGB").save(buffer, "PNG")
    return buffer.getvalue()


def grid_base64(images: torch.Tensor, columns: int | None = None) -> str:
    """The grid as a base64 PNG (what the epoch events carry and the GUI shows)."""
    return base64.b64encode(png_bytes(tile(images, columns))).decode("ascii")


def save_grid(path: str | Path, images: torch.Tensor, columns: int | None = None) -> None:
    """Write the grid as a PNG, atomically (safe_io)."""
    write_bytes(path, png_bytes(tile(images, columns)))


def save_each(folder: str | Path, images: torch.Tensor, stem: str = "sample") -> list[Path]:
    """One PNG per image, ``stem_0000.png`` …, in ``folder`` (made when missing)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    width = max(4, len(str(len(images) - 1)))
    written = []
    for i, image in enumerate(images):
        path = folder / f"{stem}_{i:0{width}d}.png"
        write_bytes(path, png_bytes(image), fsync=False)
        written.append(path)
    return written
