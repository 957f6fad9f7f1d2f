"""The opportunities' rules, one module per use-case group."""
