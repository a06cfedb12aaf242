"""``@mock_connectcases`` on every kind of target, keeping the mock active for the whole body.

* functions and methods: active for the call; when a plain function returns a coroutine, a
  generator or an async generator (a decorator that hides what it wraps), the mock stays active
  until that finishes too;
* ``async def``: active while the coroutine runs; generator functions and async generator
  functions: active from the first ``next``/``asend`` to exhaustion or ``close()``, across
  every ``send``/``throw``;
* classes: each ``test*`` attribute (functions, classmethods, staticmethods, nested classes) is
  decorated; on a plain test class, ``setup_method``/``teardown_method`` run inside the test's
  mock and ``setup_class``/``teardown_class`` inside a class-wide one whose data stays for the
  class while what each test adds is rolled back (as moto does); ``unittest.TestCase`` classes
  get the same with ``setUpClass``/``setUp``.

Anything that is not callable (and not a class-, static method or class) is refused with
TypeError when decorated: nothing ever runs unmocked because the decorator could not wrap it.
"""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import unittest

    from cases_mock.mock import CasesMock

Within = Callable[[], AbstractContextManager[Any]]


def _generator_within(within: Within, generator: Generator[Any, Any, Any]) -> Generator[Any, Any, Any]:
    with within():
        return (yield from generator)


async def _awaited_within(within: Within, awaitable: Awaitable[Any]) -> Any:
    with within():
        return await awaitable


async def _async_generator_within(within: Within, agen: AsyncGenerator[Any, Any]) -> AsyncGenerator[Any, Any]:
    with within():
        try:
            value = await agen.__anext__()
        except StopAsyncIteration:
            return
        while True:
            try:
                sent = yield value
            except GeneratorExit:
                await agen.aclose()
                raise
            except BaseException as error:  # thrown in by the caller: hand it to the body
                try:
                    value = await agen.athrow(error)
                except StopAsyncIteration:
                    return
            else:
                try:
                    value = await agen.asend(sent)
                except StopAsyncIteration:
                    return


def _continue_within(mock: CasesMock, result: Any) -> Any:
    """``result`` of a call made inside ``mock``: anything still to run keeps the mock active."""

    @contextlib.contextmanager
    def stopping() -> Iterator[CasesMock]:
        try:
            yield mock
        finally:
            mock.stop()

    if inspect.iscoroutine(result):
        return _awaited_within(stopping, result)
    if inspect.isgenerator(result):
        return _generator_within(stopping, result)
    if inspect.isasyncgen(result):
        return _async_generator_within(stopping, result)
    mock.stop()
    return result


def decorate_function(make: Callable[[], CasesMock], function: Callable[..., Any]) -> Callable[..., Any]:
    import wrapt  # imported on first decoration: ``import cases_mock`` stays cheap

    if inspect.isasyncgenfunction(function):

        @wrapt.decorator
        def run_async_generator(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
            return _async_generator_within(make, wrapped(*args, **kwargs))

        return run_async_generator(function)

    if inspect.iscoroutinefunction(function):

        @wrapt.decorator
        def run_async(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
            return _awaited_within(make, wrapped(*args, **kwargs))

        return run_async(function)

    if inspect.isgeneratorfunction(function):

        @wrapt.decorator
        def run_generator(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
            return _generator_within(make, wrapped(*args, **kwargs))

        return run_generator(function)

    @wrapt.decorator
    def run(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
        mock = make().start()
        try:
            result = wrapped(*args, **kwargs)
        except BaseException:
            mock.stop()
            raise
        return _continue_within(mock, result)

    return run(function)


def decorate(make: Callable[[], CasesMock], target: Any) -> Any:
    """``target`` decorated so that it runs inside a fresh mock from ``make``."""
    if inspect.isclass(target):
        unittest_module = sys.modules.get("unittest")  # loaded by whoever defines a TestCase
        if unittest_module is not None and issubclass(target, unittest_module.TestCase):
            return _decorate_test_case(make, target)  # type: ignore[arg-type]
        return _decorate_class(make, target)
    if isinstance(target, (classmethod, staticmethod)):
        return type(target)(decorate_function(make, target.__func__))
    if not callable(target):
        raise TypeError(f"mock_connectcases cannot decorate {target!r}: it is not callable")
    return decorate_function(make, target)


def _decorate_test_attributes(make: Callable[[], CasesMock], cls: type) -> None:
    for name, value in list(vars(cls).items()):
        if not name.startswith("test"):
            continue
        if inspect.isclass(value) or isinstance(value, (classmethod, staticmethod)) or callable(value):
            setattr(cls, name, decorate(make, value))


def _call_optional(function: Callable[..., Any], argument: Any) -> None:
    """Calls ``function(argument)`` or ``function()``, as pytest calls xunit-style methods."""
    code = getattr(function, "__code__", None)
    count = code.co_argcount if code is not None else 1
    if inspect.ismethod(function):
        count -= 1
    if count:
        function(argument)
    else:
        function()


def _decorate_class(make: Callable[[], CasesMock], cls: type) -> type:
    """A plain (pytest-style) class: tests, xunit methods, classmethods and staticmethods."""
    _decorate_test_attributes(make, cls)
    key = f"_cases_mock_{id(cls):x}"
    own = vars(cls)
    original_setup_class = own.get("setup_class")
    original_teardown_class = own.get("teardown_class")
    original_setup = own.get("setup_method")
    original_teardown = own.get("teardown_method")

    def inherited(holder: Any, name: str) -> Any:
        return getattr(super(cls, holder), name, None)

    def setup_class(klass: type) -> None:
        mock = make().start()
        setattr(klass, key, (mock, None))
        try:
            original = original_setup_class.__get__(None, klass) if original_setup_class else None
            original = original or inherited(klass, "setup_class")
            if original is not None:
                original()
        except BaseException:
            mock.stop()
            delattr(klass, key)
            raise
        setattr(klass, key, (mock, mock.engine.snapshot()))

    def teardown_class(klass: type) -> None:
        try:
            original = original_teardown_class.__get__(None, klass) if original_teardown_class else None
            original = original or inherited(klass, "teardown_class")
            if original is not None:
                original()
        finally:
            held = vars(klass).get(key)
            if held is not None:
                delattr(klass, key)
                held[0].stop()

    def setup_method(test: Any, method: Any = None) -> None:
        mock = make().start()
        vars(test)[key] = mock
        try:
            original = original_setup.__get__(test) if original_setup else inherited(test, "setup_method")
            if original is not None:
                _call_optional(original, method)
        except BaseException:
            del vars(test)[key]
            mock.stop()
            raise

    def teardown_method(test: Any, method: Any = None) -> None:
        try:
            original = (
                original_teardown.__get__(test) if original_teardown else inherited(test, "teardown_method")
            )
            if original is not None:
                _call_optional(original, method)
        finally:
            mock = vars(test).pop(key, None)
            held = vars(type(test)).get(key)
            if held is not None and held[1] is not None:
                held[0].engine.restore(held[1])  # the class's data stays, the test's goes
            if mock is not None:
                mock.stop()

    cls.setup_class = classmethod(setup_class)  # type: ignore[attr-defined]
    cls.teardown_class = classmethod(teardown_class)  # type: ignore[attr-defined]
    cls.setup_method = setup_method  # type: ignore[attr-defined]
    cls.teardown_method = teardown_method  # type: ignore[attr-defined]
    return cls


def _decorate_test_case(
    make: Callable[[], CasesMock], cls: type[unittest.TestCase]
) -> type[unittest.TestCase]:
    """setUpClass data stays for the whole class; what setUp and a test add is rolled back."""
    _decorate_test_attributes(make, cls)
    original_setup_class = cls.__dict__.get("setUpClass")
    original_teardown_class = cls.__dict__.get("tearDownClass")
    original_setup = cls.__dict__.get("setUp")

    def call_original(original: Any, klass: type, name: str) -> None:
        if original is not None:
            original.__get__(None, klass)()
        else:
            getattr(super(cls, klass), name)()

    def setUpClass(klass: type) -> None:
        mock = make().start()
        klass._cases_mock = mock  # type: ignore[attr-defined]
        try:
            call_original(original_setup_class, klass, "setUpClass")
        except BaseException:
            mock.stop()
            raise
        klass._cases_mock_snapshot = mock.engine.snapshot()  # type: ignore[attr-defined]

    def tearDownClass(klass: type) -> None:
        try:
            call_original(original_teardown_class, klass, "tearDownClass")
        finally:
            klass._cases_mock.stop()  # type: ignore[attr-defined]

    def setUp(test: unittest.TestCase) -> None:
        klass = type(test)
        test.addCleanup(lambda: klass._cases_mock.engine.restore(klass._cases_mock_snapshot))  # type: ignore[attr-defined]
        if original_setup is not None:
            original_setup(test)
        else:
            super(cls, test).setUp()  # type: ignore[misc]

    cls.setUpClass = classmethod(setUpClass)  # type: ignore[assignment,method-assign]
    cls.tearDownClass = classmethod(tearDownClass)  # type: ignore[assignment,method-assign]
    cls.setUp = setUp  # type: ignore[method-assign,assignment]
    return cls
