"""Use cases: one function per action, each one transaction, shared by every dialect."""
