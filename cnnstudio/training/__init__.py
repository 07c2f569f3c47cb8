"""Training: data sources, the training engine, checkpoints and metrics.

One engine, three front ends: ``cnnstudio train`` (command.py), the GUI's child process speaking JSON
lines (worker.py, which documents the protocol) and torchrun (distributed.py).

Training under torchrun
=======================

``torchrun`` starts ``python -m cnnstudio`` once per process; the engine sees RANK and WORLD_SIZE and
trains with PyTorch's DistributedDataParallel::

    torchrun --standalone --nproc_per_node=2 -m cnnstudio train net.cnn.json --data digits --epochs 10 \\
        --checkpoint-dir runs/net --metrics runs/net.jsonl              # 2 processes on this machine
    torchrun --nnodes=2 --nproc_per_node=8 --rdzv-id=job1 --rdzv-backend=c10d \\
        --rdzv-endpoint=HOST:29400 -m cnnstudio train net.cnn.json --device cuda ...  # 2 machines × 8 GPUs

- The backend is gloo on the CPU and nccl on CUDA, where each process uses the GPU of its LOCAL_RANK.
- ``--batch-size`` is per process (as with DistributedSampler): 2 processes at 32 take 64 images a step.
  Each epoch's seeded order is dealt out as DistributedSampler deals it, so every process takes the same
  number of steps; validation is split between the processes and its sums (loss, right answers, the
  confusion matrix) are added up, so the reported numbers are those of the whole validation set.
- Rank 0 alone prints progress and the result, writes ``--metrics`` and the checkpoints (the others wait
  for it); the checkpoint holds the plain model's weights (no ``module.`` prefix) and rank 0's batch-norm
  statistics, which every process evaluates with. The ``started`` event carries ``processes``.
- A diverged loss (NaN/inf, or 10⁶ × the first) on any process, or a stop (Ctrl-C: torchrun passes it on as SIGTERM), stops every
  process after the same batch, with a checkpoint for a stop. ``--resume`` loads the checkpoint in every
  process; a run stopped mid-epoch resumes with the same number of processes, one stopped at an epoch's
  end with any number (and without torchrun).
- CPU threads per process: ``--threads``, else OMP_NUM_THREADS (torchrun sets 1 unless you set it).
- The process group is ended at the end of the run, also after an error. Frozen layers train as usual
  (DDP skips them); a trainable branch that feeds no output turns on DDP's ``find_unused_parameters``.

- config.py — ``TrainingConfig``, saved in the project as ``graph.meta["training"]``
- data/ — the sources named by a spec (``digits``, ``shapes``, ``folder:PATH``, ``mnist:ROOT``, ...) and the
  ``Feeder`` that fits, normalises, augments and batches them
- session.py — from a project file and options to a ready Trainer; assembly.py — device, threads and feeder
  from the config (shared with the exported train.py)
- engine.py — the loop; context.py — this process's place in a run; reporting.py — the events it emits;
  resume.py — what a checkpoint holds and how a run continues; divergence.py — NaN/inf and blown-up losses
- losses.py, evaluate.py, metrics.py — per-head losses, validation, confusion matrix, sample images
- checkpoint.py — safetensors + JSON checkpoints (``last``, ``best``), exact resume; a crash mid-save never
  tears one, checksums catch damaged files; sidecar.py — every sidecar value checked at load
- probe.py — (passed to the engine by session.py) layer health and feature-map snapshots of the first
  validation images at each epoch end
- events.py — the events and their sinks (JSON lines, progress bar); stop.py — graceful stop requests
- distributed.py — torchrun's environment, the process group, DDP and the collectives the engine uses

Importing this package does not import torch.
"""

from .config import Augmentation, TrainingConfig
from .errors import CheckpointError, ConfigError, DataError, DivergedError, TrainingError

__all__ = [
    "Augmentation",
    "CheckpointError",
    "ConfigError",
    "DataError",
    "DivergedError",
    "TrainingConfig",
    "TrainingError",
]
