"""Redis with a local fallback: when Redis cannot be reached, the cache keeps working.

The cache holds rate-limit counters and page fragments. django-redis's ``IGNORE_EXCEPTIONS``
turns an unreachable Redis into ``None`` answers (``incr`` then answers ``None`` and every
citizen form failed with 500). Here a call that cannot reach Redis is answered by a file
cache on this machine instead (shared by the gunicorn workers, as without Redis), and Redis
is not tried again for ``RETRY_SECONDS`` so that an outage does not cost a connect attempt per
call. When Redis answers again it is used again; values written during the outage stay local
and expire with their timeouts.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")

RETRY_SECONDS = 30
UNREACHABLE = (ConnectionInterrupted, RedisError, OSError)


class RedisWithLocalFallback(BaseCache):
    """``OPTIONS``: django-redis options, plus ``FALLBACK_LOCATION`` (a folder)."""

    def __init__(self, location, params):
        super().__init__(params)
        options = dict(params.get("OPTIONS", {}))
        fallback_location = options.pop("FALLBACK_LOCATION")
        options["IGNORE_EXCEPTIONS"] = False  # this class decides what an outage means
        options.setdefault("SOCKET_CONNECT_TIMEOUT", 1)
        options.setdefault("SOCKET_TIMEOUT", 1)
        shared = {k: v for k, v in params.items() if k != "OPTIONS"}
        self.redis = RedisCache(location, {**shared, "OPTIONS": options})
        self.local = FileBasedCache(
            fallback_location, {**shared, "OPTIONS": {"MAX_ENTRIES": 20000}}
        )
        self._skip_redis_until = 0.0

    def _call(self, name, *args, **kwargs):
        if time.monotonic() >= self._skip_redis_until:
            try:
                return getattr(self.redis, name)(*args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("Redis unreachable, using the local cache: %s", error)
                self._skip_redis_until = time.monotonic() + RETRY_SECONDS
        return getattr(self.local, name)(*args, **kwargs)

    @property
    def using_fallback(self):
        return time.monotonic() < self._skip_redis_until

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta=delta, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        self.local.clear()
        return self._call("clear")

    def close(self, **kwargs):
        for cache in (self.redis, self.local):
            try:
                cache.close(**kwargs)
            except UNREACHABLE:
                pass
