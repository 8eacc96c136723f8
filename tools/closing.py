"""``async with thing:`` for every labbot object that is released with ``await thing.close()``."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class ClosedOnExit:
    """``async with`` hands the object back and awaits its ``close()`` on the way out, whatever happened inside."""

    async def close(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
