"""The request id of each call the engine answers: a random (version 4) UUID in its text form.

Drawn from a generator of the engine's own, seeded from ``os.urandom`` at import and again in a
forked child (two processes never share a sequence), so a call neither reads nor moves the
``random`` module's global state a test may have seeded; a third of ``uuid.uuid4``'s cost, which
reads the operating system's randomness on every call.
"""

from __future__ import annotations

import os
import random

_VERSION_4 = 0x4000 << 64  # the version nibble (bits 76-79)
_VARIANT_RFC_4122 = 0x8 << 60  # the variant's two top bits (62-63): 10
_CLEARED = ~((0xF000 << 64) | (0xC << 60))

_random = random.Random(os.urandom(32))


def _reseed() -> None:
    _random.seed(os.urandom(32))


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reseed)


def new_request_id() -> str:
    """A fresh random UUID, as ``str(uuid.uuid4())`` writes one."""
    digits = "%032x" % (_random.getrandbits(128) & _CLEARED | _VERSION_4 | _VARIANT_RFC_4122)
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"
