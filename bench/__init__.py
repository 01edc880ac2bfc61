"""`make bench`: throughput and latency of the REST edge against its ceiling."""
