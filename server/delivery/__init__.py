"""Delivery: signed webhooks (at least once, from the database) and veto callbacks.

Its own room, beside storage and services: the worker, the retry schedule, the signing and
the HTTP client live here; the use cases never import it. A veto callback is one call made
by the edge interceptor before the use case (and so before its write transaction) runs."""
