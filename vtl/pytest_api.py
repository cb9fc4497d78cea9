"""pytest support for whole methods: invoke an API's methods in one line, or from case folders.

The plugin (:mod:`vtl.pytest_plugin`) exposes these fixtures::

    def test_get_pet(vtl_invoke):
        invocation = vtl_invoke("api/petstore.yaml", "GET /pets/7?currency=EUR",
                                backend={"id": 7, "type": "dog", "price": 10})
        assert invocation.response.status == 200

    def test_routes(vtl_api):
        api = vtl_api("api/petstore.yaml")      # read once per test session
        assert api.invoke("DELETE", "/pets/7").response.status == 403

Paths are relative to the test file's folder; each file is read once per session (again
if it changed). ``params=`` (on ``vtl_api``, ``vtl_invoke`` and ``api_case_directories``)
sets the definition's parameters as ``--param`` does: ``vtl_api("infra", {"queue_name":
"jobs"})``. What the reader warns about (``vtl routes`` prints it) is issued as a
:class:`DefinitionWarning`, in pytest's warnings summary. Case folders make one test per
invocation::

    from vtl.pytest_api import api_case_directories

    @api_case_directories("cases", api="api/petstore.yaml")
    def test_cases(vtl_api_case):
        vtl_api_case.check()

Every folder under ``cases/`` holding a ``request.json`` is a case:

- ``request.json``: ``{"method", "path", "headers", "body", "stage", "stage_variables",
  "authorizer", "identity", "authorizer_outcome"}`` (``method`` and ``path`` required;
  ``path`` may carry ``?query``; a ``body`` that is a JSON object or array is sent as its
  JSON text; ``authorizer_outcome`` is what the method's authorizer answered: ``allow``,
  ``deny``, ``implicit-deny``, ``unauthorized``, ``error``, ``invalid-policy``);
- the backend's answer, at most one of: ``lambda-result.json`` (the JSON the function
  returned, used byte for byte), ``lambda-error.json`` (``{"errorMessage", "errorType"}``),
  ``http-response.json`` (``{"status", "headers", "body"}``);
- ``expected.json``: ``{"status", "headers", "body"}`` the client gets (a ``body`` that is
  a JSON object or array is compared with the body parsed as JSON), and optionally
  ``"error"`` (the gateway response type) and ``"integration_request"`` (``method``,
  ``uri``, ``headers``, ``body``: the keys given are compared).

Without ``api=``, the API is the nearest ``api.yaml``, ``api.yml`` or ``api.json`` in the
case folder or above it, up to the test file's folder. A case that cannot run (a file that
is not JSON, an unknown key, a header no client can send) fails naming its file, and a
failing mapping template is shown with its file:line:column beside the 500 it causes. ``pytest --vtl-update`` writes ``expected.json`` from the current
response instead of comparing.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest

# The case folders' format, shared with `vtl test`, is vtl/cases.py's.
from vtl.cases import (  # noqa: F401 (read_request, read_backend, differences: public here too)
    API_FILES,
    BACKEND_FILES,
    REQUEST_FILE,
    REQUEST_KEYS,
    CaseError,
    api_case_problems,
    differences,
    find_api_cases,
    invoke_api_case,
    nearest_api,
    read_backend,
    read_request,
    update_api_case,
)

if TYPE_CHECKING:
    from vtl.api import Api
    from vtl.api.pipeline import Invocation

__all__ = [
    "ApiCase",
    "DefinitionWarning",
    "RequestWarning",
    "api_case_directories",
    "find_api_cases",
    "read_backend",
    "read_request",
    "vtl_api",
    "vtl_api_case",
    "vtl_invoke",
]

F = TypeVar("F", bound=Callable[..., Any])

EXPECTED_FILE = "expected.json"
UPDATE_HINT = "run pytest --vtl-update to write it"

_ApiKey = tuple[Path, tuple[tuple[str, str], ...]]
_APIS = pytest.StashKey[dict[_ApiKey, tuple[float, Any]]]()

Params = Mapping[str, str]


class RequestWarning(UserWarning):
    """A request that probably is not the one meant (a path with the stage in it, which
    API Gateway answers 403 Missing Authentication Token), as ``vtl invoke`` hints."""


class DefinitionWarning(UserWarning):
    """What the definition reader says about an API file (a Terraform variable nobody set, a
    part API Gateway's import skips…), as ``vtl routes`` prints it: shown in pytest's warnings
    summary, an error under ``-W error::vtl.pytest_api.DefinitionWarning``."""


def _load(config: pytest.Config, path: Path, params: Params | None = None) -> Api:
    """The API at ``path`` with ``params`` (the definition's parameters, as ``--param``),
    read once per session (and again when the file changed); the reader's warnings are
    issued as :class:`DefinitionWarning` when it is read."""
    from vtl.api import load_api

    __tracebackhide__ = True
    cache = config.stash.setdefault(_APIS, {})
    path = path.resolve()
    key = (path, tuple(sorted((params or {}).items())))
    stamp = path.stat().st_mtime if path.exists() else -1.0
    cached = cache.get(key)
    if cached is None or cached[0] != stamp:
        api = load_api(path, dict(params) if params else None)
        for message in api.warnings:
            warnings.warn(message, DefinitionWarning, stacklevel=_outside_this_module())
        cached = (stamp, api)
        cache[key] = cached
    return cast("Api", cached[1])


def _outside_this_module() -> int:
    """The ``stacklevel`` of the first caller outside this module (the test's own line)."""
    level, frame = 1, sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename == __file__:
        level, frame = level + 1, frame.f_back
    return level


class ApiLoader:
    """The ``vtl_api`` fixture: ``vtl_api(path) -> Api``."""

    def __init__(self, config: pytest.Config, base: Path) -> None:
        self._config = config
        self.base = base

    def __call__(self, path: str | os.PathLike[str], params: Params | None = None) -> Api:
        """The API defined at ``path`` (relative to the test file's folder); ``params`` sets
        its parameters as ``--param`` does (CloudFormation ``Parameters``, Terraform
        variables, serverless ``${opt:…}``, a deployment's values: ``{"Table": "orders"}``)."""
        __tracebackhide__ = True
        try:
            return _load(self._config, self.base / Path(path), params)
        except (ValueError, OSError) as error:  # DefinitionError, ModelError
            raise error.with_traceback(None) from None  # shown at the test's own line


@pytest.fixture
def vtl_api(request: pytest.FixtureRequest) -> ApiLoader:
    """Read an API definition (once per session): ``vtl_api("api.yaml")``."""
    return ApiLoader(request.config, Path(request.path).parent)


@pytest.fixture
def vtl_invoke(vtl_api: ApiLoader) -> Callable[..., Invocation]:
    """Invoke a method in one line: ``vtl_invoke("api.yaml", "GET /pets/7", backend=...)``
    (``params=`` gives the definition's parameters, as ``vtl_api``)."""

    def invoke(api_file: str | os.PathLike[str], request_line: str, *,
               params: Params | None = None, **request: Any) -> Invocation:
        __tracebackhide__ = True
        http_method, _, path = request_line.strip().partition(" ")
        if not path.strip():
            raise ValueError(f'the request must look like "GET /path?query", got {request_line!r}')
        api = vtl_api(api_file, params)
        try:
            invocation = api.invoke(http_method, path.strip(), **request)
        except ValueError as error:  # InvocationError, ModelError: the test's own line
            raise error.with_traceback(None) from None
        from vtl.cli_invoke import _stage_in_path_hint
        from vtl.pytest_plugin import warn_templates

        warn_templates(invocation.warnings)  # as `vtl invoke` prints them
        # A path copied from the stage's URL ("GET /Prod/hello"): API Gateway's 403 Missing
        # Authentication Token, and `vtl invoke`'s hint, in its keyword's terms.
        hint = _stage_in_path_hint(api, invocation, http_method, path.strip())
        if hint is not None:
            warnings.warn(hint.replace("--stage ", "stage="), RequestWarning,
                          stacklevel=_outside_this_module())
        return invocation

    return invoke


# --- case folders --------------------------------------------------------------------


def api_case_directories(
    folder: str | os.PathLike[str],
    *,
    api: str | os.PathLike[str] | None = None,
    params: Params | None = None,
) -> Callable[[F], F]:
    """Parametrize a test over the invocation cases under ``folder`` (relative to the test
    file); ``api`` names the API file (else each case's nearest ``api.yaml``/``api.json``),
    ``params`` its parameters (as ``vtl_api``)."""

    def decorate(test: F) -> F:
        module_file = test.__globals__.get("__file__") if hasattr(test, "__globals__") else None
        base = Path(module_file).parent if module_file else Path.cwd()
        root = (base / Path(folder)).resolve()
        cases = find_api_cases(root)
        if not cases:
            raise ValueError(f"api_case_directories: no case folder (with {REQUEST_FILE}) under {root}")
        api_path = None if api is None else (base / Path(api)).resolve()
        # The API file is looked for up to the test file's folder (or the cases folder,
        # when that is not under it).
        top = base.resolve() if root.is_relative_to(base.resolve()) else root
        values = [(case, api_path, top, dict(params or {})) for case in cases]
        ids = [case.relative_to(root).as_posix() for case in cases]
        mark = pytest.mark.parametrize("vtl_api_case", values, ids=ids, indirect=True)
        return cast(F, mark(test))

    return decorate


@pytest.fixture
def vtl_api_case(request: pytest.FixtureRequest) -> ApiCase:
    """One invocation case, given by ``@api_case_directories(...)``."""
    param = getattr(request, "param", None)
    if param is None:
        pytest.fail("the vtl_api_case fixture comes from @api_case_directories(folder)", pytrace=False)
    directory, api_path, top, params = param
    if api_path is None:
        api_path = _nearest_api(directory, top)
    try:
        api = _load(request.config, api_path, params)
    except (ValueError, OSError) as error:  # DefinitionError, ModelError: file:line: message
        message = str(error)
    else:
        message = ""
    if message:  # outside the except block: said once
        pytest.fail(message, pytrace=False)
    update = bool(request.config.getoption("vtl_update", default=False))
    return ApiCase(directory, api, update=update, config=request.config)


def _nearest_api(directory: Path, top: Path) -> Path:
    found = nearest_api(directory, top)
    if found is None:
        pytest.fail(f"{directory}: no {' / '.join(API_FILES)} in the case folder or above it",
                    pytrace=False)
    return found


class ApiCase:
    """An invocation case folder: request, backend answer, expected response."""

    def __init__(self, directory: Path, api: Api, *, update: bool = False,
                 config: pytest.Config | None = None) -> None:
        self.directory = directory
        self.api = api
        self.update = update
        self._config = config

    def invoke(self) -> Invocation:
        """Run the case's request through its API with its backend; a case that cannot run
        fails the test with one message naming its file."""
        __tracebackhide__ = True
        try:
            return cast("Invocation", invoke_api_case(self.api, self.directory, self._shown))
        except CaseError as error:
            message = str(error)
        # Failed outside the except block: pytest would print the message twice, joined by
        # "During handling of the above exception, another exception occurred".
        pytest.fail(message, pytrace=False)

    def check(self, invocation: Invocation | None = None) -> Invocation:
        """Compare the response with ``expected.json`` (or write it, under ``--vtl-update``)."""
        __tracebackhide__ = True
        invocation = invocation if invocation is not None else self.invoke()
        expected_path = self.directory / EXPECTED_FILE
        if self.update:
            if update_api_case(invocation, expected_path) and self._config is not None:
                from vtl.pytest_plugin import _UPDATED

                self._config.stash.setdefault(_UPDATED, []).append(expected_path)
            return invocation
        try:
            problems = api_case_problems(invocation, expected_path, self._shown, UPDATE_HINT)
        except CaseError as error:
            message = str(error)
        else:
            message = ""
        if message:  # outside the except block: said once
            pytest.fail(message, pytrace=False)
        if problems:
            pytest.fail(f"{self._shown(expected_path)}:\n" + "\n".join(problems), pytrace=False)
        return invocation

    def _shown(self, path: Path) -> str:
        """``path`` relative to the rootdir, as pytest shows test files (and vtl_case does)."""
        from vtl.pytest_plugin import _relative

        return _relative(path, self._config)
