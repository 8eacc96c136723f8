"""Graph nodes: small async functions taking (state, runtime) and returning a partial update."""
