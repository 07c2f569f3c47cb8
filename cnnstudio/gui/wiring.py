"""Whether a wire may connect an output to an input, and why not: the feedback shown while dragging."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from cnnstudio.core.block import Registry
from cnnstudio.core.edits import Compound, Connect, Disconnect, Edit
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.graph import Edge, Graph
from cnnstudio.core.inference import Inference


@dataclass(frozen=True)
class WireCheck:
    """level: "ok" connects, "warn" connects but will show a problem (or replaces a wire), "bad" refuses."""

    level: str
    message: str
    replaces: Edge | None = None

    @property
    def allowed(self) -> bool:
        return self.level != "bad"


def check_connection(
    graph: Graph, inference: Inference, src: str, dst: str, port: str, registry: Registry
) -> WireCheck:
    if src == dst:
        return WireCheck("bad", QCoreApplication.translate("Wiring", "a block cannot feed itself"))
    src_node, dst_node = graph.node(src), graph.node(dst)
    src_block, dst_block = registry.get(src_node.type), registry.get(dst_node.type)
    if src_block.is_output:
        return WireCheck(
            "bad",
            QCoreApplication.translate("Wiring", "{0} is an output head: nothing flows out of it").format(
                src_node.name
            ),
        )
    ports = dst_block.input_ports(dst_block.resolve(dst_node.params))
    if port not in ports:
        return WireCheck(
            "bad", QCoreApplication.translate("Wiring", "{0} has no input {1!r}").format(dst_node.name, port)
        )
    if graph.would_create_cycle(src, dst):
        return WireCheck(
            "bad",
            QCoreApplication.translate("Wiring", "would make a cycle: {0} already feeds {1}").format(
                dst_node.name, src_node.name
            ),
        )
    existing = graph.in_edges(dst).get(port)
    if existing is not None and existing.src == src:
        return WireCheck(
            "bad",
            QCoreApplication.translate("Wiring", "{0} is already connected to {1}").format(
                src_node.name, dst_node.name
            ),
        )

    shape_note = _shape_note(graph, inference, src, dst, port, ports, registry)
    if existing is not None:
        old = graph.node(existing.src).name
        return WireCheck(
            "warn",
            QCoreApplication.translate("Wiring", "replaces the wire from {0}").format(old)
            + (f"; {shape_note}" if shape_note else ""),
            existing,
        )
    if shape_note:
        return WireCheck("warn", shape_note)
    shape = inference.info.get(src)
    carried = fmt_shape(shape.shape) if shape and shape.shape is not None else "?"
    return WireCheck("ok", f"{src_node.name} → {dst_node.name} ({carried})")


def _shape_note(graph, inference, src, dst, port, ports, registry) -> str:
    """What would go wrong with the shapes, by the block's own formula; '' if fine or unknown yet."""
    dst_node = graph.node(dst)
    block = registry.get(dst_node.type)
    ins = []
    for name in ports:
        source = src if name == port else (graph.in_edges(dst).get(name).src if name in graph.in_edges(dst) else None)
        info = inference.info.get(source) if source else None
        if info is None or info.shape is None:
            return ""
        ins.append(info.shape)
    try:
        block.infer(block.resolve(dst_node.params), ins)
    except ShapeError as exc:
        return QCoreApplication.translate("Wiring", "allowed, but {0}").format(exc.message)
    except (KeyError, ValueError, TypeError, IndexError):
        return ""
    return ""


def connection_edit(src: str, dst: str, port: str, check: WireCheck) -> Edit:
    """The one undoable edit that makes the wire (dropping the wire it replaces)."""
    edge = Edge(src, dst, port)
    if check.replaces is not None:
        return Compound(
            [Disconnect(check.replaces), Connect(edge)], text=QCoreApplication.translate("Wiring", "Reconnect")
        )
    return Compound([Connect(edge)], text=QCoreApplication.translate("Wiring", "Connect"))
