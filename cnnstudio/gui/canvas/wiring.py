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
    graph: Graph, inference: Inference, src: str, dst: str, port: str, registry: Registry, src_port: str = "out"
) -> WireCheck:
    """May output ``src_port`` of ``src`` feed input ``port`` of ``dst``, and what it would carry."""
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
    if existing is not None and (existing.src, existing.src_port) == (src, src_port):
        return WireCheck(
            "bad",
            QCoreApplication.translate("Wiring", "{0} is already connected to {1}").format(
                src_node.name, dst_node.name
            ),
        )

    shape_note = _shape_note(graph, inference, Edge(src, dst, port, src_port), ports, registry)
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
    shape = inference.edge_shape(Edge(src, dst, port, src_port))
    carried = fmt_shape(shape) if shape is not None else "?"
    source = src_node.name if src_port == "out" else f"{src_node.name}.{src_port}"
    return WireCheck("ok", f"{source} → {dst_node.name} ({carried})")


def _shape_note(graph, inference, wire: Edge, ports, registry) -> str:
    """What would go wrong with the shapes, by the block's own formula; '' if fine or unknown yet."""
    dst_node = graph.node(wire.dst)
    block = registry.get(dst_node.type)
    ins = []
    for name in ports:
        edge = wire if name == wire.dst_port else graph.in_edges(wire.dst).get(name)
        shape = inference.edge_shape(edge) if edge is not None else None
        if shape is None:
            return ""
        ins.append(shape)
    try:
        block.infer(block.resolve(dst_node.params), ins)
    except ShapeError as exc:
        return QCoreApplication.translate("Wiring", "allowed, but {0}").format(exc.message)
    except (KeyError, ValueError, TypeError, IndexError):
        return ""
    return ""


def connection_edit(src: str, dst: str, port: str, check: WireCheck, src_port: str = "out") -> Edit:
    """The one undoable edit that makes the wire (dropping the wire it replaces)."""
    edge = Edge(src, dst, port, src_port)
    if check.replaces is not None:
        return Compound(
            [Disconnect(check.replaces), Connect(edge)], text=QCoreApplication.translate("Wiring", "Reconnect")
        )
    return Compound([Connect(edge)], text=QCoreApplication.translate("Wiring", "Connect"))
