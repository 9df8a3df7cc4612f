"""The actor map: graph building, metrics and findings, layout, rendering, exports."""
