"""The analysis engine: read the data in a request, settle what it asks, and run exactly that or decline.

``reading`` turns a message into typed data with provenance (``model``); ``contract`` reads which
analysis, variant and direction were asked; ``recipes`` are vetted scripts with a fit to the data;
``plan`` decides what runs (or why nothing does) and ``accounting`` checks every number was used
or explained. Between ``tools`` (service adapters) and ``graph`` (the agent) in the layers.
"""
