"""The graph as LangGraph's server loads it (``langgraph.json``: ``langgraph dev``, Studio, ``langgraph_sdk``).

The server brings its own checkpointer and sends the context as JSON; the services that JSON cannot carry
are this process's own (``process_services``), built here at import because the dev server forbids
blocking I/O (opening the index, reading settings files) inside a run.
"""

from __future__ import annotations

from graph.builder import build_graph
from tools.services import process_services

services = process_services()
graph = build_graph()
