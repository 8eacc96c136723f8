"""Pure metric functions: each takes plain values (an answer's parts, gold labels, the judge's verdicts)."""
