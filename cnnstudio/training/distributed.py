"""Training under torchrun: the process group, DistributedDataParallel and the collectives the engine needs.

``torchrun --nproc_per_node=N -m cnnstudio train ...`` starts N copies of ``cnnstudio train`` with RANK,
WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT set. ``launch_from_environment`` reads them; with more
than one process ``join`` starts the process group (gloo on the CPU, nccl on CUDA, each process on the GPU
of its LOCAL_RANK) and returns a DistributedContext, the engine's RunContext for this process. The engine
asks it to wrap the model, sum metrics, agree on stop and NaN decisions and copy rank 0's buffers; with one
process none of this runs and the engine is the single-process engine, unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import fx

from ..core.i18n import translate
from .context import RunContext
from .errors import ConfigError, TrainingError


@dataclass(frozen=True)
class Launch:
    """Where torchrun put this process."""

    rank: int
    world_size: int
    local_rank: int
    local_world_size: int


def launch_from_environment(environ: Mapping[str, str] | None = None) -> Launch | None:
    """torchrun's variables, or None for a single process (no WORLD_SIZE, or a world of one)."""
    env = os.environ if environ is None else environ
    if int(_variable(env, "WORLD_SIZE", "1")) <= 1:
        return None
    world = int(_variable(env, "WORLD_SIZE", "1"))
    rank = int(_variable(env, "RANK", None))
    local_rank = int(_variable(env, "LOCAL_RANK", str(rank)))
    local_world = int(_variable(env, "LOCAL_WORLD_SIZE", str(world)))
    if not 0 <= rank < world or not 0 <= local_rank < local_world:
        raise ConfigError(
            translate(
                "Training", "inconsistent launch: RANK {rank}, LOCAL_RANK {local_rank} of WORLD_SIZE {world}"
            ).format(rank=rank, local_rank=local_rank, world=world)
        )
    return Launch(rank, world, local_rank, local_world)


def _variable(env: Mapping[str, str], name: str, default: str | None) -> str:
    value = env.get(name, default)
    if value is None or not value.strip().isdigit():
        raise ConfigError(
            translate("Training", "{name}={value!r} in the environment: torchrun sets it to a whole number").format(
                name=name, value=value
            )
        )
    return value


def launch_threads(launch: Launch) -> int:
    """CPU threads per process: OMP_NUM_THREADS (torchrun sets 1 unless you set it), else a fair share of cores."""
    value = os.environ.get("OMP_NUM_THREADS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, (os.cpu_count() or 1) // launch.local_world_size)


def unused_parameters(model: torch.nn.Module) -> list[str]:
    """Trainable parameters no output depends on (a branch that ends nowhere): DDP must be told about them.

    Read from the fx graph, so no trial step is needed; a module that is no GraphModule (the exported Model of
    train.py) is traced first; one that cannot be traced counts every trainable parameter as possibly unused.
    """
    trainable = [name for name, p in model.named_parameters() if p.requires_grad]
    if not isinstance(model, fx.GraphModule):
        try:
            model = fx.symbolic_trace(model)  # in training mode: the auxiliary heads' branch included
        except Exception:  # data-dependent control flow and other untraceable code: assume the worst
            return trainable
    output = next(n for n in model.graph.nodes if n.op == "output")
    used, seen, todo = set(), {output}, [output]
    while todo:
        node = todo.pop()
        if node.op == "call_module":
            used.add(node.target)
        for source in node.all_input_nodes:
            if source not in seen:
                seen.add(source)
                todo.append(source)
    return [name for name in trainable if not any(name.startswith(f"{m}.") for m in used)]


class DistributedContext(RunContext):
    """This process in a torchrun run: sums over every process and decisions they all take together."""

    def __init__(self, launch: Launch, device: torch.device):
        super().__init__(rank=launch.rank, world_size=launch.world_size)
        self.launch = launch
        self.device = device  # where the collectives' tensors must live (nccl: the GPU)

    def reduce_sum(self, values: torch.Tensor) -> torch.Tensor:
        total = values.to(self.device, copy=True)
        dist.all_reduce(total)
        return total.to(values.device)

    def any(self, flag: bool) -> bool:
        return bool(self.reduce_sum(torch.tensor([float(flag)])).item() > 0)

    def agree_step(self, loss: float, images: int, stop: bool) -> tuple[float, bool]:
        # one collective per step: the mean loss over every process (NaN anywhere is NaN everywhere, so all
        # stop together before backward, whose gradient all-reduce would otherwise wait for the lost one)
        # and whether any process was asked to stop
        total = self.reduce_sum(torch.tensor([loss * images, float(images), float(stop)], dtype=torch.float64))
        loss_sum, seen, stops = total.tolist()
        return loss_sum / max(seen, 1.0), stops > 0

    def wrap(self, model: torch.nn.Module) -> torch.nn.Module:
        from torch.nn.parallel import DistributedDataParallel

        if not any(p.requires_grad for p in model.parameters()):
            return model  # nothing to synchronise (and DDP refuses); the optimiser says so in one line
        ids = [self.device.index] if self.device.type == "cuda" else None
        return DistributedDataParallel(model, device_ids=ids, find_unused_parameters=bool(unused_parameters(model)))

    def sync_buffers(self, model: torch.nn.Module) -> None:
        # DDP copies rank 0's buffers at the start of each forward, so after the last step of an epoch
        # every process holds its own batch-norm statistics: evaluate and save rank 0's everywhere
        for buffer in model.buffers():
            dist.broadcast(buffer, 0)


_joined = False  # a process group this module started (and so must end)


def join(launch: Launch, device: torch.device) -> tuple[DistributedContext, torch.device]:
    """Start the process group; returns this process's context and device (CUDA: the LOCAL_RANK-th GPU)."""
    global _joined
    if not dist.is_available():
        raise TrainingError(translate("Training", "this PyTorch build has no torch.distributed: run without torchrun"))
    if device.type == "cuda":
        if launch.local_rank >= torch.cuda.device_count():
            raise ConfigError(
                translate(
                    "Training",
                    "process {local_rank} of {per_node} on this machine has no GPU (there are {gpus}): start at most that many processes per node",
                ).format(local_rank=launch.local_rank, per_node=launch.local_world_size, gpus=torch.cuda.device_count())
            )
        device = torch.device("cuda", launch.local_rank)
        torch.cuda.set_device(device)
    backend = "nccl" if device.type == "cuda" else "gloo"
    try:
        dist.init_process_group(backend)
    except (RuntimeError, ValueError) as exc:
        raise TrainingError(
            translate("Training", "cannot join the distributed run ({backend}): {reason}").format(
                backend=backend, reason=str(exc).splitlines()[0]
            )
        ) from None
    _joined = True
    return DistributedContext(launch, device), device


def leave() -> None:
    """End the process group ``join`` started (at the end of a run, also after an error)."""
    global _joined
    if _joined and dist.is_initialized():
        dist.destroy_process_group()
    _joined = False
