"""The models' database handle, routable per thread (issue 19): the primary, unless the unit of
work has sent this thread's current read to a standby."""

import threading
from contextlib import contextmanager

import peewee as pw


class RoutingDatabaseProxy(pw.DatabaseProxy):
    """peewee's DatabaseProxy whose target is the primary (initialize()) or, inside
    routed_to(standby), the standby for the calling thread only."""

    __slots__ = ("_primary", "_routes", "_ever_routed")

    def __init__(self):
        object.__setattr__(self, "_routes", threading.local())
        object.__setattr__(self, "_primary", None)
        # Until a standby serves a read, every lookup goes straight to the primary: this proxy
        # stands in front of every statement, and the thread-local lookup cost µs each time.
        object.__setattr__(self, "_ever_routed", False)
        super().__init__()

    def __getattr__(self, attr):
        target = (getattr(self._routes, "db", None) or self._primary) if self._ever_routed else self._primary
        if target is None:
            raise AttributeError("Cannot use uninitialized Proxy.")
        return getattr(target, attr)

    def __setattr__(self, attr, value):
        object.__setattr__(self, attr, value)  # obj is the property below; the slots as usual

    @property
    def obj(self):
        if not self._ever_routed:
            return self._primary
        return getattr(self._routes, "db", None) or self._primary

    @obj.setter
    def obj(self, value):
        object.__setattr__(self, "_primary", value)

    @property
    def primary(self):
        return self._primary

    @contextmanager
    def routed_to(self, db):
        previous = getattr(self._routes, "db", None)
        object.__setattr__(self, "_ever_routed", True)
        self._routes.db = db
        try:
            yield
        finally:
            self._routes.db = previous
