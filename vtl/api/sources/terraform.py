"""Terraform: the ``aws_api_gateway_*`` resources of a folder of ``.tf`` and ``.tf.json`` files.

The folder's ``.tf`` and ``.tf.json`` files make one module, as Terraform merges them: a
``.tf.json`` file (Terraform's JSON syntax, what ``cdktf synth`` writes) is read by
:mod:`vtl.api.sources.terraform_json` into the same blocks as a ``.tf`` file, so what
follows holds for both. The output folder of ``cdktf synth`` (``cdktf.out``) is read through
its ``manifest.json``: the stack declaring a REST API.

Read: ``aws_api_gateway_rest_api`` (``body``: an OpenAPI document, read by the OpenAPI
reader; ``binary_media_types``, ``api_key_source``), ``_resource`` (``path_part`` and
``parent_id`` chains give each method its full path), ``_method``, ``_integration``,
``_integration_response``, ``_method_response``, ``_model``, ``_request_validator``,
``_authorizer`` (a method's ``authorizer_id``), ``_gateway_response`` and ``_stage`` (its
``variables``). Values are evaluated by
:mod:`vtl.api.sources.hcl`: ``variable`` defaults (then ``terraform.tfvars``,
``terraform.tfvars.json``, ``*.auto.tfvars`` and ``*.auto.tfvars.json``, then ``params``, as
``-var`` does), ``locals``, ``path.module``, ``file()``, ``templatefile()``, heredocs,
``jsonencode()`` and references between resources (``aws_api_gateway_method.post.http_method``).
What is only known after ``apply`` (a generated name, an id) stays a visible
``${…}`` placeholder; a template holding one the reader left is marked
(``MappingTemplate.unresolved``, with a hint saying what the value is and how to give it:
``--param NAME=VALUE`` for a variable), so it is listed but not run. A variable without a
value is named in ``Api.warnings``.

``count`` and ``for_each`` make one resource per index or key (``count.index``,
``each.key``, ``each.value``; references such as ``aws_api_gateway_resource.r["a"].id``).

A root module that declares no REST API but calls a local module that does (``source =
"./…"``; one instance of a call with ``count``/``for_each``, chosen with ``--param
vtl:api=module.NAME[KEY]`` when there are several; or a module whose own local module does,
any levels down) is read through that module, with the inputs the call gives it. Local modules
that add methods to the caller's REST API (the caller passes its API's and resources' ids
in; ``count``/``for_each`` on the call too) are read into it, and so is what the folder
and its other local modules add to an API a local module declares, through that module's
``output`` blocks (``module.api.id``).

A ``template_file`` data source (the template provider) is rendered with its ``vars``; an
``aws_api_gateway_resource`` data source names the resource at its ``path``.

The ``aws_region``, ``aws_caller_identity`` and ``aws_partition`` data sources (where the
API runs) have the sample values the CloudFormation reader gives its pseudo parameters
(:data:`~vtl.api.sources.intrinsics.PSEUDO_PARAMETERS`; a region the data source or the
``aws`` provider block writes wins); any data source attribute can be given with ``--param
data.TYPE.NAME.ATTRIBUTE=VALUE``, and what ``apply`` learns of another resource (an ARN…)
with ``--param TYPE.NAME.ATTRIBUTE=VALUE``.

Modules are read from their source folder when it is local (``./…``, ``../…``), and from
where ``terraform init`` put them otherwise (registry, git, HTTP or S3 sources: the
``Dir`` that ``.terraform/modules/modules.json`` in the root module's folder gives for the
call's key, ``NAME`` or ``PARENT.NAME``; :func:`installed_modules`). Not read: a module
``terraform init`` has not downloaded (said in ``Api.warnings``), a second module declaring
its own REST API, other ``data`` sources (placeholders). A
folder declaring several REST APIs is read one at a time: ``--param vtl:api=NAME``
(:data:`API_CHOICE`) names it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Container
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from vtl.api.authorization import PROTECTED_AUTHORIZATION_TYPES
from vtl.api.model import (
    Api,
    Authorizer,
    GatewayResponse,
    Integration,
    IntegrationResponse,
    MappingTemplate,
    Method,
    MethodResponse,
    Model,
    ModelError,
    RequestValidator,
    Source,
)
from vtl.api.sources.checks import refused_stage_name
from vtl.api.sources.document import (
    DefinitionError,
    Document,
    authorizer_missing,
    compression_size,
    default_endpoint_disabled,
    did_you_mean,
    resource_policy_not_evaluated,
)
from vtl.api.sources.hcl import (
    Block,
    EncodedJson,
    Evaluator,
    Expr,
    HclFile,
    Key,
    PartlyUnknown,
    ResourceObject,
    ResourceRef,
    SourcedStr,
    Unknown,
    derived,
    line_origins,
    parse_file,
    parse_value,
    scan_template,
    unknowns_in,
    with_type_defaults,
)
from vtl.api.sources.intrinsics import PSEUDO_PARAMETERS
from vtl.api.sources.terraform_json import parse_json_file, parse_json_values

__all__ = ["API_CHOICE", "FORMAT", "read", "recognises"]

FORMAT = "terraform"
T = TypeVar("T")
#: The --param naming the REST API to read when a folder declares several (as for
#: CloudFormation; Terraform variable names cannot hold a colon, so it cannot clash).
API_CHOICE = "vtl:api"

_PREFIX = "aws_api_gateway_"
#: Resource types read into the model; other resources are only there to be referred to.
API_RESOURCES = tuple(_PREFIX + name for name in (
    "rest_api", "resource", "method", "integration", "integration_response", "method_response",
    "model", "request_validator", "gateway_response", "stage", "authorizer", "rest_api_put",
))


_RESPONSE_HEADER = "method.response.header."
#: The variables a mapping template sees: a Terraform reference to one of them is a Velocity
#: reference Terraform interpolated by mistake.
_VELOCITY_ROOTS = ("input", "context", "util", "stageVariables")

#: Arguments of a module call that are not the module's input variables.
_MODULE_META = ("source", "version", "providers", "count", "for_each", "depends_on")
#: API Gateway resource types that change nothing a method does with a request.
_NOT_MODELLED = tuple(_PREFIX + name for name in (
    "deployment", "account", "api_key", "usage_plan", "usage_plan_key", "documentation_part",
    "documentation_version", "client_certificate", "method_settings", "rest_api_policy",
    "domain_name", "base_path_mapping", "vpc_link",
))


#: Arguments (and nested blocks) of the resources that carry a method's templates, from the
#: AWS provider's documentation pages of these resources, plus Terraform's meta-arguments.
#: `terraform plan` refuses any other ("An argument named ... is not expected here"), so a
#: misspelt one (``request_template``) is reported instead of silently reading no template.
_META_ARGUMENTS = ("count", "for_each", "depends_on", "provider", "lifecycle")
#: How deep a chain of modules calling modules is followed to the one declaring the REST API.
_MAX_MODULE_DEPTH = 8
#: The most instances one ``count`` makes here. Terraform sets no limit, but API Gateway
#: allows 300 resources per REST API by default (its quotas page), so a larger count is a
#: mistake; without a limit, ``count = 1e30`` exhausted memory (fuzz_definitions seed 2).
MAX_COUNT = 10_000
_ARGUMENTS = {
    _PREFIX + "method": (
        "rest_api_id", "resource_id", "http_method", "authorization", "authorizer_id",
        "authorization_scopes", "api_key_required", "operation_name", "request_models",
        "request_validator_id", "request_parameters", "region"),
    _PREFIX + "method_response": (
        "rest_api_id", "resource_id", "http_method", "status_code", "response_models",
        "response_parameters", "region"),
    _PREFIX + "integration": (
        "rest_api_id", "resource_id", "http_method", "integration_http_method", "type",
        "connection_type", "connection_id", "uri", "credentials", "request_templates",
        "request_parameters", "passthrough_behavior", "cache_key_parameters", "cache_namespace",
        "content_handling", "timeout_milliseconds", "tls_config", "integration_target",
        "response_transfer_mode", "region"),
    _PREFIX + "authorizer": (
        "name", "rest_api_id", "authorizer_uri", "identity_source", "type",
        "authorizer_credentials", "authorizer_result_ttl_in_seconds",
        "identity_validation_expression", "provider_arns", "region"),
    _PREFIX + "integration_response": (
        "rest_api_id", "resource_id", "http_method", "status_code", "selection_pattern",
        "response_templates", "response_parameters", "content_handling", "region"),
}


def recognises(path: Path, document: Document | None) -> bool:
    """A folder holding ``.tf`` or ``.tf.json`` files, or a single such file, or the
    output folder of ``cdktf synth`` (``cdktf.out``)."""
    if path.is_dir():
        return bool(_module_files(path)) or _cdktf_stacks(path) is not None
    return path.name.endswith((".tf", ".tf.json"))


def read(path: Path, params: dict[str, str] | None = None) -> Api:
    """Read the Terraform module in folder ``path`` (or the folder of the ``.tf`` file); of
    a ``cdktf.out`` folder, the stack declaring a REST API.

    A root module declaring no REST API but calling modules (local ones, ``source = "./…"``,
    or others terraform init installed) is read through the one of them that declares it,
    with the inputs the call gives.
    """
    folder = path if path.is_dir() else path.parent
    stacks = _cdktf_stacks(folder) if not _module_files(folder) else None
    if stacks is not None:
        folder = _stack_with_api(folder, stacks)
    # Terraform loads terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars and
    # *.auto.tfvars.json in name order; -var wins over them all (its "Input Variables" page).
    tfvars = [folder / "terraform.tfvars", folder / "terraform.tfvars.json",
              *sorted([*folder.glob("*.auto.tfvars"), *folder.glob("*.auto.tfvars.json")],
                      key=lambda file: file.name)]
    values = [parse_json_values(file) if file.name.endswith(".json") else parse_file(file)
              for file in tfvars if file.is_file()]
    module = _load(folder, dict(params or {}), values)
    # the module declaring the API, through the local modules that lead to it (a root module
    # calling a wrapper module whose own submodule declares it: realworld13
    # tf-shaunniee-nested-submodules)
    chain = [module]
    while not chain[-1].of_type("rest_api") and len(chain) <= _MAX_MODULE_DEPTH:
        called = chain[-1].local_module_with_api()
        if called is None:
            break
        chain.append(called)
    if len(chain) > 1 and chain[-1].of_type("rest_api"):
        # the API's module, then what each module on the way and its other local modules
        # add to it (their rest_api_id an output of the API's module), innermost first
        builder = _ApiBuilder(chain[-1])
        api = builder.build(check_unused=False)
        for caller in reversed(chain[:-1]):
            _ApiBuilder(caller).add_to(api, builder)
        return api
    return _ApiBuilder(module).build()


#: What ``cdktf synth`` writes at the top of its output folder: its stacks, each in a folder
#: of its own holding ``cdk.tf.json`` (the stack's ``synthesizedStackPath``).
CDKTF_MANIFEST = "manifest.json"


def _cdktf_stacks(folder: Path) -> dict[str, Path] | None:
    """The folder of each stack of a ``cdktf.out`` folder, by name; None when ``folder`` is
    not one (a CDK ``cdk.out`` has a manifest.json too, of ``artifacts``)."""
    manifest = folder / CDKTF_MANIFEST
    try:
        data = json.loads(manifest.read_bytes()) if manifest.is_file() else None
    except (OSError, ValueError):
        return None
    stacks = data.get("stacks") if isinstance(data, dict) else None
    if not isinstance(stacks, dict):
        return None
    return {str(name): (folder / stack["synthesizedStackPath"]).parent
            for name, stack in stacks.items()
            if isinstance(stack, dict) and isinstance(stack.get("synthesizedStackPath"), str)}


def _stack_with_api(folder: Path, stacks: dict[str, Path]) -> Path:
    """The folder of the one stack of ``cdktf.out`` folder ``folder`` declaring a REST API."""
    with_api = [name for name, stack in stacks.items()
                if any('"aws_api_gateway_rest_api"' in file.read_text(encoding="utf-8")
                       for file in _module_files(stack))]
    if len(with_api) == 1:
        return stacks[with_api[0]]
    if not with_api:
        raise DefinitionError(f"{folder} is the output of cdktf synth, but none of its stacks "
                              f"({', '.join(stacks) or 'none'}) declares an "
                              "aws_api_gateway_rest_api")
    raise DefinitionError(f"{folder}: several stacks declare a REST API ({', '.join(with_api)}): "
                          f"give the folder of one, e.g. {stacks[with_api[0]]}")


def _load(folder: Path, params: dict[str, Any], tfvars: list[HclFile] | None = None,
          called_at: Source | None = None, parent: _Module | None = None, key: str = "") -> _Module:
    files = [parse_json_file(file) if file.name.endswith(".json") else parse_file(file)
             for file in _module_files(folder)]
    if not files:
        raise DefinitionError(f"{folder} holds no .tf or .tf.json files", called_at)
    return _Module(folder, files, params, tfvars, called_at, parent, key)


#: Where ``terraform init`` records the modules it installed, under the root module's folder.
MODULE_MANIFEST = Path(".terraform") / "modules" / "modules.json"


def installed_modules(root: Path) -> dict[str, Path]:
    """The folders of the modules ``terraform init`` installed for the root module in
    ``root``, by module key (the call names from the root joined with ``.``): its
    manifest's ``{"Modules": [{"Key": …, "Source": …, "Dir": …}]}``, each ``Dir`` relative
    to ``root``. Empty when there is no manifest; a manifest that is not one is an error."""
    manifest = root / MODULE_MANIFEST
    if not manifest.is_file():
        return {}
    where = Source(str(manifest), 1)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DefinitionError(f"not a module manifest of terraform init ({error})", where) from None
    entries = data.get("Modules") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(
            isinstance(entry, dict) and isinstance(entry.get("Key"), str) and isinstance(entry.get("Dir"), str)
            for entry in entries):
        raise DefinitionError('not a module manifest of terraform init: it must hold {"Modules": '
                              '[{"Key": "…", "Dir": "…"}, …]}', where)
    return {entry["Key"]: Path(os.path.normpath(root / entry["Dir"])) for entry in entries if entry["Key"]}


def _module_files(folder: Path) -> list[Path]:
    """The files of the module in ``folder``: Terraform merges its ``.tf`` files and its
    ``.tf.json`` files (native and JSON syntax) into one module, read here in name order."""
    files = [*folder.glob("*.tf"), *folder.glob("*.tf.json")]
    return sorted((file for file in files if file.is_file()), key=lambda file: file.name)


class _Module:
    """The declarations of one module, and the evaluation of references between them."""

    def __init__(self, folder: Path, files: list[HclFile], params: dict[str, Any],
                 tfvars: list[HclFile] | None = None, called_at: Source | None = None,
                 parent: _Module | None = None, key: str = "") -> None:
        self.folder = folder
        #: The module's key in ``terraform init``'s manifest ("" for the root module).
        self.key = key
        #: The modules ``terraform init`` installed, read once for the root module.
        self.installed: dict[str, Path] = parent.installed if parent is not None else installed_modules(folder)
        #: The module calling this one (None: the root module): its default ``aws``
        #: provider is this one's when it declares none (Terraform passes it down).
        self.parent = parent
        #: The module call this module is read through (None: the root module).
        self.called_at = called_at
        #: The root module's folder: Terraform's working directory, which relative paths
        #: of file(), templatefile(), fileset() and abspath() are read from in every module
        #: (hashicorp/terraform internal/terraform/evaluate.go: the evaluation scope's
        #: `BaseDir: ".", // Always current working directory for now.`).
        self.root_folder: Path = parent.root_folder if parent is not None else folder
        self.api_choice = params.pop(API_CHOICE, None)
        self.params = params
        #: In the root module: the resource path each aws_api_gateway_resource read so far
        #: stands for, in any module: (id of its module, its name) and its line.
        self.resource_paths: dict[str, tuple[tuple[int, str], Source]] = {}
        #: Variable values from .tfvars files (later files win), as expressions.
        self.assigned: dict[str, Expr] = {}
        for values in tfvars or []:
            self.assigned.update(values.attributes)
        self.variables: dict[str, Block] = {}
        self.locals: dict[str, Expr] = {}
        self.resources: dict[tuple[str, str], Block] = {}
        #: ``data "TYPE" "NAME"`` blocks, and the default ``provider "aws"`` block (None: none).
        self.data_sources: dict[tuple[str, str], Block] = {}
        self.aws_provider: Block | None = None
        #: What this reader skips (Api.warnings), so nothing is dropped silently.
        self.warnings: list[str] = []
        self.module_calls: list[Block] = []
        self.outputs: dict[str, Block] = {}
        #: The local modules called here (without count or for_each), loaded once each.
        self._children: dict[tuple[str, Any], _Module | None] = {}
        for file in files:
            self.warnings.extend(file.warnings)
            for block in file.blocks:
                self._declare(block)
        unknown = sorted(set(params) - set(self.variables))
        self._check_attribute_params([name for name in unknown if "." in name], folder, files)
        unknown = [name for name in unknown if "." not in name]
        if unknown and called_at is not None:
            # Terraform: "Unsupported argument: An argument named … is not expected here"
            raise DefinitionError(f"the module call gives {unknown[0]}, but {folder} declares no "
                                  f"variable {unknown[0]!r}", called_at)
        if unknown:
            declared = (f"declared: {', '.join(sorted(self.variables))}" if self.variables
                        else "it declares no variable")
            raise DefinitionError(f"--param {unknown[0]}: no variable {unknown[0]!r} is declared "
                                  f"in {folder} ({declared})")
        if called_at is not None:
            # Terraform: "Missing required argument" (a variable without a default that the
            # call does not give); read on, each use staying ${var.NAME}
            for name, block in self.variables.items():
                if name not in params and "default" not in block.attributes:
                    self.warnings.append(
                        f"{called_at}: the module call gives no {name}, which {folder} requires "
                        f"(variable {name} at {block.source} has no default): Terraform refuses "
                        "the call (\"Missing required argument\")")
        self.evaluator = Evaluator(self.root_folder, self.lookup)
        self._values: dict[tuple[str, ...], Any] = {}
        self._pending: set[tuple[str, ...]] = set()
        #: Each repeated resource's instances by key, made once (see instance)
        self._instances: dict[tuple[str, str], dict[Any, Block]] = {}

    def _data_sources_used(self, files: list[HclFile]) -> set[tuple[str, str]]:
        """The data sources this folder declares or refers to (a reference to one declared
        elsewhere is a placeholder whose hint names its --param)."""
        used = set(self.data_sources)
        for file in files:
            text = file.path.read_text(encoding="utf-8")
            used.update(re.findall(r"\bdata\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)", text))
        return used

    def _modules_used(self, files: list[HclFile]) -> set[tuple[str, str]]:
        """("module", NAME) for each module this folder calls or whose outputs it refers to
        (the call may be in a file of the folder not given, as data sources may)."""
        used = {("module", block.labels[0]) for block in self.module_calls if block.labels}
        for file in files:
            text = file.path.read_text(encoding="utf-8")
            used.update(("module", name) for name in re.findall(r"\bmodule\.([A-Za-z_][\w-]*)\.", text))
        return used

    def _check_attribute_params(self, names: list[str], folder: Path, files: list[HclFile]) -> None:
        """``--param TYPE.NAME.ATTRIBUTE``: what apply learns of a resource this folder
        declares (not one of the API's own, whose ids wire its methods together);
        ``--param data.TYPE.NAME.ATTRIBUTE``: of a data source it declares;
        ``--param module.NAME.OUTPUT``: an output of a module it calls or refers to (modules
        are not read). Any other is an error: a value given for nothing would be dropped
        without a word."""
        for name in names:
            type_, _, rest = name.partition(".")
            declared: Container[tuple[str, str]] = self.resources
            if type_ == "data":  # data.TYPE.NAME.ATTRIBUTE of a data source used here
                type_, _, rest = rest.partition(".")
                declared = self._data_sources_used(files)
            elif type_ == "module":  # module.NAME.OUTPUT of a module used here
                declared = self._modules_used(files)
            resource = rest.split(".")[0].split("[")[0]
            if (type_, resource) not in declared or type_.startswith(_PREFIX) \
                    or rest.count(".") != 1:
                raise DefinitionError(
                    f"--param {name}: neither a variable nor an attribute of a resource "
                    f"declared in {folder} (TYPE.NAME.ATTRIBUTE, not of an aws_api_gateway_ "
                    "resource) nor of a data source (data.TYPE.NAME.ATTRIBUTE) nor an output "
                    "of a module it uses (module.NAME.OUTPUT)")

    def _quoted_type(self, block: Block) -> None:
        """``type = "string"``: Terraform 0.11's quoted type constraint. Terraform 1.x
        refuses the configuration ("Error: Invalid quoted type constraints … Remove the
        quotes around "string"", seen with 1.1.1 and 1.4.4: mengjiann/aws-step-functions-
        sample#1, aws-samples/aws-ingesting-click-logs-using-terraform#14); 0.12 to 0.14
        only warned. Said, and read as the type it names."""
        type_expr = block.attributes.get("type")
        if type_expr is not None and type_expr.text.startswith('"'):
            name = type_expr.text.strip('"')
            # (Terraform's own advice: "write list(string) instead" for "list" and "map")
            written = f"{name}(string)" if name in ("list", "map") else name
            self.warnings.append(
                f"{type_expr.source}: variable {block.labels[0]}: type = {type_expr.text} is "
                f"Terraform 0.11's quoted type constraint, which Terraform 1.x refuses "
                f"(\"Invalid quoted type constraints\": write type = {written}); read as {name}")

    def _declare(self, block: Block) -> None:
        self._check_name(block)
        if block.type == "variable" and len(block.labels) == 1:
            self._unique(self.variables, block.labels[0], block, "variable")
            self._quoted_type(block)
        elif block.type == "locals":
            for name, expr in block.attributes.items():
                self._unique(self.locals, name, expr, "local value")
        elif block.type == "module":
            self.module_calls.append(block)
            source = block.attributes.get("source")
            local = source.text.strip('"') if source is not None else ""
            if local.startswith(("./", "../")):
                hint = f"; to read its API, give its folder {local} (and its variables with --param)"
            elif self._child_key(block) not in self.installed:
                hint = (f"; its source {local} is read once terraform init has downloaded it "
                        f"(into {MODULE_MANIFEST.parent})")
            elif not _module_files(self.installed[self._child_key(block)]):
                hint = (f"; {MODULE_MANIFEST} puts it in {self.installed[self._child_key(block)]}, "
                        "which holds no .tf files (run terraform init again)")
            else:
                hint = ""
            self.warnings.append(f"{block.source}: module {'.'.join(block.labels)} is not read "
                                 f"(only the resources of this folder are){hint}")
        elif block.type == "output" and len(block.labels) == 1:
            self._unique(self.outputs, block.labels[0], block, "output")
        elif block.type == "data" and len(block.labels) == 2:
            self._unique(self.data_sources, (block.labels[0], block.labels[1]), block,
                         "data source")
        elif block.type == "provider" and block.labels == ["aws"] \
                and "alias" not in block.attributes:
            self.aws_provider = block
        elif block.type == "resource" and len(block.labels) == 2:
            key = (block.labels[0], block.labels[1])
            self._unique(self.resources, key, block, "resource")
            if key[0].startswith(_PREFIX) and key[0] not in API_RESOURCES + _NOT_MODELLED:
                self.warnings.append(f"{block.source}: {key[0]}.{key[1]} is not read")

    @staticmethod
    def _check_name(block: Block) -> None:
        """Refuse a name Terraform refuses ("Invalid resource name: A name must start with a
        letter or underscore and may contain only letters, digits, underscores, and dashes",
        since 0.12; 0.11 took ``resource "…" "301"``), at the block's line: a reference to
        it would otherwise fail far from the cause."""
        named = {"resource": 1, "data": 1, "module": 0, "variable": 0, "output": 0}
        index = named.get(block.type)
        if index is None or len(block.labels) <= index:
            return
        name = block.labels[index]
        if not _NAME.fullmatch(name):
            raise DefinitionError(f"{block.type} {' '.join(repr(label) for label in block.labels)}:"
                                  f" {name!r} is not a valid name: it must start with a letter or "
                                  "underscore and hold only letters, digits, underscores and "
                                  "dashes (Terraform 0.12 and later; 0.11 allowed it)",
                                  block.source)

    @staticmethod
    def _unique(table: dict[Any, Any], key: Any, value: Any, what: str) -> None:
        if key in table:
            name = ".".join(key) if isinstance(key, tuple) else key
            source = value.source if hasattr(value, "source") else None
            raise DefinitionError(f"{what} {name} is declared twice", source)
        table[key] = value

    def attribute(self, block: Block, name: str) -> Any:
        """The value of argument ``name`` of a resource instance (None when not written)."""
        expr = block.attributes.get(name)
        if expr is None:
            return None
        return self._memo(("resource", block.labels[0], block.labels[1], repr(block.key), name),
                          expr, block.scope)

    def _memo(self, key: tuple[str, ...], expr: Expr, names: dict[str, Any] | None = None) -> Any:
        if key in self._values:
            return self._values[key]
        if key in self._pending:
            raise DefinitionError(f"{'.'.join(key[1:])} refers to itself", expr.source)
        self._pending.add(key)
        try:
            value = self.evaluator.evaluate(expr, names)
        finally:
            self._pending.discard(key)
        self._values[key] = value
        return value

    def leads_to_api(self, depth: int = 0) -> bool:
        """Whether this module declares a REST API, or a local module it calls (without
        count or for_each) does, or one that module calls…"""
        if self.of_type("rest_api"):
            return True
        if depth >= _MAX_MODULE_DEPTH:
            return False
        for call in self.module_calls:
            if "count" in call.attributes or "for_each" in call.attributes:
                continue
            child = self.local_child(call)
            if child is not None and child.leads_to_api(depth + 1):
                return True
        return False

    def local_module_with_api(self) -> _Module | None:
        """The module a ``module`` block calls, when it is the one declaring a REST API,
        loaded with the call's inputs (evaluated here)."""
        found = []
        for block in self.module_calls:
            # a call with count or for_each makes one module (and REST API) per instance
            # (realworld13 tf-ralbear-module-for-each-map: for_each over a map of endpoints)
            repeated = "count" in block.attributes or "for_each" in block.attributes
            for key in [i.key for i in self.instances(block)] if repeated else [None]:
                child = self.local_child(block, key)
                if child is not None and child.leads_to_api():
                    found.append((block, key, child))
        labels = [".".join(block.labels) + ("" if key is None else f"[{json.dumps(key)}]")
                  for block, key, _ in found]
        if len(found) > 1:
            wanted = (self.api_choice or "").removeprefix("module.")
            if wanted not in labels:
                raise DefinitionError(
                    f"{self.folder} declares no aws_api_gateway_rest_api; the modules it calls "
                    f"declare {len(found)} ({', '.join('module.' + label for label in labels)}): "
                    f"choose one with --param {API_CHOICE}=module.{labels[0]}",
                    found[1][0].source)
            found = [found[labels.index(wanted)]]
            labels = [wanted]
        if not found:
            return None  # the error lists the modules not read
        block, key, child = found[0]
        label = labels[0]
        child.warnings.insert(0, f"{block.source}: the REST API is read from module "
                                 f"{label} ({child.folder})")
        # (only the "module NAME is not read" line: a module on the way to the API may call
        # its own module of the same name, whose "read from" line must stay)
        self.warnings = [w for w in self.warnings if f": module {block.labels[0]} is not read" not in w]
        return child

    def _child_key(self, call: Block) -> str:
        """The key of the module ``call`` makes, in terraform init's manifest."""
        name = call.labels[0] if call.labels else ""
        return f"{self.key}.{name}" if self.key else name

    def call_folder(self, call: Block) -> Path | None:
        """The folder of the module a ``module`` block calls: its local source (``./…``,
        relative to this module's folder), or where terraform init installed another
        source; None when that folder holds no module files."""
        source = call.attributes.get("source")
        local = source.text.strip('"') if source is not None else ""
        if local.startswith(("./", "../")):
            folder: Path | None = Path(os.path.normpath(self.folder / local))
        else:
            folder = self.installed.get(self._child_key(call))
        return folder if folder is not None and _module_files(folder) else None

    def local_child(self, call: Block, key: Any = None) -> _Module | None:
        """The module a ``module`` block calls (local, or installed by terraform init: see
        :meth:`call_folder`), loaded once with the inputs the call gives (evaluated here);
        for a call with ``count`` or ``for_each``, its instance ``key``. None when its folder
        is not there, or for an instance the call does not make."""
        name = call.labels[0] if call.labels else ""
        if (name, key) not in self._children:
            folder = self.call_folder(call)
            repeated = "count" in call.attributes or "for_each" in call.attributes
            self._children[(name, key)] = None
            instance = next((i for i in self.instances(call) if i.key == key), None) \
                if repeated else call
            if folder is not None and instance is not None:
                inputs = {arg: self.evaluator.evaluate(expr, instance.scope)
                          for arg, expr in instance.attributes.items() if arg not in _MODULE_META}
                self._children[(name, key)] = _load(folder, inputs, called_at=call.source,
                                                    parent=self, key=self._child_key(call))
        return self._children[(name, key)]

    def _module_output(self, steps: list[Any], expr: Expr) -> tuple[Any, int] | None:
        """``module.NAME.OUTPUT`` of a local module called here: the ``value`` of its
        ``output`` block, evaluated in that module (a resource id it gives still names the
        module's resource); None when the call is not a local one read here."""
        key, at = (steps[2].value, 3) if len(steps) > 2 and isinstance(steps[2], Key) else (None, 2)
        if len(steps) < 2 or not isinstance(steps[1], str) or (
                len(steps) > at and not isinstance(steps[at], str)):
            return None
        call = next((block for block in self.module_calls if block.labels == [steps[1]]), None)
        repeated = call is not None and ("count" in call.attributes or "for_each" in call.attributes)
        if call is not None and len(steps) == 2 and repeated:
            # module.NAME of a call with count/for_each: its instances' outputs by key (a
            # for_each over module.x, as Terraform allows), each an object of its outputs
            instances = {instance.key: self._module_outputs(call, instance.key)
                         for instance in self.instances(call)}
            if any(value is None for value in instances.values()):
                return None
            return (instances if "for_each" in call.attributes else list(instances.values())), 2
        if call is None or (key is not None) != repeated:
            return None  # module.x.y of a repeated call, or module.x[k].y of a single one
        if len(steps) == at:  # module.NAME (or module.NAME[KEY]): the object of its outputs
            outputs = self._module_outputs(call, key)
            return (outputs, at) if outputs is not None else None
        child = self.local_child(call, key)
        if child is None:
            return None
        name = steps[at]
        output = child.outputs.get(name)
        if output is None or "value" not in output.attributes:
            raise DefinitionError(f"{_reference_text(steps[:at + 1])}: module {steps[1]} "
                                  f"({child.folder}) declares no output {name!r}", expr.source)
        return child._memo(("output", name), output.attributes["value"]), at + 1

    def _module_outputs(self, call: Block, key: Any) -> dict[str, Any] | None:
        """Every output of the local module instance ``call``/``key`` (``module.NAME`` used
        as an object), each evaluated in that module; None when it is not read here."""
        child = self.local_child(call, key)
        if child is None:
            return None
        return {name: child._memo(("output", name), output.attributes["value"])
                for name, output in child.outputs.items() if "value" in output.attributes}

    def modules_adding_methods(self) -> list[tuple[Block, _Module]]:
        """The modules this one calls that add to its REST API: each call (each
        instance of one with ``count`` or ``for_each``) with the module loaded with the
        inputs it gives, evaluated here, so a resource id it passes still names this
        module's resource. A module declaring a REST API of its own is not one of them."""
        found = []
        for call in self.module_calls:
            folder = self.call_folder(call)
            if folder is None:
                continue
            adds = False
            for instance in self.instances(call):
                child = self.local_child(call, instance.key)
                assert child is not None
                if child.of_type("rest_api"):
                    break  # another REST API: said not read
                adds = any(type_.startswith(_PREFIX) for type_, _ in child.resources)
                if not adds:
                    break  # no API Gateway resource (a Lambda function…): nothing is dropped
                found.append((instance, child))
            else:
                adds = True  # (count = 0 too)
            if adds or (child is not None and not child.of_type("rest_api")):
                label = ".".join(call.labels)
                self.warnings = [w for w in self.warnings if f": module {label} is not read" not in w]
            if adds:
                self.warnings.append(f"{call.source}: the API Gateway resources of module {label} "
                                     f"({folder}) are read into this REST API, with the inputs "
                                     "the call gives")
        return found

    def instances(self, block: Block) -> list[Block]:
        """The instances of a resource: itself, or one per ``count`` index / ``for_each`` key."""
        if "count" in block.attributes:
            count = self._memo(("count", *block.labels), block.attributes["count"])
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise DefinitionError(f"{'.'.join(block.labels)}: count must be a whole number "
                                      f"known before apply, not {_shown(count)}",
                                      block.attributes["count"].source)
            if count > MAX_COUNT:
                shown = f"{count:,}" if count < 10**15 else f"a number of {len(str(count))} digits"
                raise DefinitionError(f"{'.'.join(block.labels)}: count is {shown}, more than the "
                                      f"{MAX_COUNT:,} instances this reader makes (API Gateway "
                                      "allows 300 resources per REST API by default)",
                                      block.attributes["count"].source)
            return [replace(block, key=index, scope={"count": {"index": index}})
                    for index in range(count)]
        if "for_each" in block.attributes:
            each = self._memo(("for_each", *block.labels), block.attributes["for_each"])
            if isinstance(each, list) and all(isinstance(item, str) for item in each):
                each = {item: item for item in each}  # a set of strings: key and value alike
            if not isinstance(each, dict):
                raise DefinitionError(f"{'.'.join(block.labels)}: for_each must be a map or a "
                                      f"set of strings known before apply, not {_shown(each)}",
                                      block.attributes["for_each"].source)
            return [replace(block, key=key, scope={"each": {"key": key, "value": value}})
                    for key, value in sorted(each.items())]
        return [block]

    def _collection(self, block: Block) -> Any:
        """A repeated resource as a value: its instances (a list for count, an object for
        for_each), each an object of its arguments and its ``id``."""
        objects = {}
        for instance in self.instances(block):
            values = {name: self.attribute(instance, name) for name in instance.attributes
                      if name not in ("count", "for_each", "depends_on", "lifecycle")}
            text = _reference_text([*block.labels, Key(instance.key), "id"])
            values["id"] = _resource_ref(text, block.labels[0], block.labels[1], "id", instance.key,
                                         self)
            objects[instance.key] = values
        return list(objects.values()) if "count" in block.attributes else objects

    def instance(self, type_: str, name: str, key: Any, expr: Expr) -> Block:
        """The instance ``key`` (None: the resource itself) of ``type_.name``."""
        block = self.resources.get((type_, name))
        if block is None:
            hint = ""
            if type_ in _VELOCITY_ROOTS:  # `${input.body}` meant for the template, not Terraform
                hint = (": Terraform reads ${...} in a string itself; write "
                        f"$${{{type_}.{name}}} for Velocity's ${{{type_}.{name}}}")
            raise DefinitionError(f"{type_}.{name} is not declared in {self.folder}{hint}",
                                  expr.source)
        repeated = "count" in block.attributes or "for_each" in block.attributes
        if key is None and repeated:
            raise DefinitionError(f"{type_}.{name} has count or for_each: refer to one instance "
                                  f"({type_}.{name}[KEY])", expr.source)
        if key is not None and not repeated:
            raise DefinitionError(f"{type_}.{name} has no count or for_each: it has no [{key!r}]",
                                  expr.source)
        # the instances are indexed once: looked up one by one, a resource of N instances
        # that refer to another's made N² of them (count = 10,000 took minutes)
        by_key = self._instances.get((type_, name))
        if by_key is None:
            by_key = self._instances[(type_, name)] = {c.key: c for c in self.instances(block)}
        try:
            found = by_key.get(key)
        except TypeError:  # a list or an object as the key: no instance has it
            found = None
        if found is None:
            raise DefinitionError(f"{type_}.{name} has no instance [{key!r}]", expr.source)
        return found

    def lookup(self, steps: list[Any], expr: Expr) -> tuple[Any, int]:
        """Resolve ``var.x``, ``local.x``, ``path.module``, ``TYPE.NAME.ATTR``, ``data.…``."""
        root = steps[0]
        name = steps[1] if len(steps) > 1 and isinstance(steps[1], str) else None
        if root == "data":
            return self._data_source(steps)
        if root == "module":
            given = _reference_text(steps[:3]) if len(steps) >= 3 else None
            if given in self.params:  # --param module.NAME.OUTPUT
                return self.params[given], 3
            output = self._module_output(steps, expr)
            return output if output is not None else (_deployed(steps), len(steps))
        if name is None:
            raise DefinitionError(f"{root!r} is not a reference this reader knows", expr.source)
        if root == "var":
            return self._variable(name, expr), 2
        if root == "local":
            if name not in self.locals:
                raise DefinitionError(f"local.{name} is not declared", expr.source)
            return self._memo(("local", name), self.locals[name]), 2
        if root == "path" and name in ("module", "root", "cwd"):
            return self._path_value(name), 2
        if root == "terraform" and name == "workspace":
            return "default", 2
        if root in ("count", "each", "self"):
            raise DefinitionError(f"{root}.{name} is used outside a resource with count or "
                                  "for_each (self is not supported)", expr.source)
        return self._resource_attribute(root, name, steps, expr)

    def _path_value(self, name: str) -> str:
        """``path.module``: this module's folder from the working directory (the root
        module's folder), ``.`` for the root module; ``path.root``: ``.``; ``path.cwd``: the
        working directory, absolute (Terraform's "Filesystem and Workspace Info")."""
        if name == "cwd":
            return Path(os.path.abspath(self.root_folder)).as_posix()
        if name == "root":
            return "."
        return Path(os.path.relpath(self.folder, self.root_folder)).as_posix()

    def _data_source(self, steps: list[Any]) -> tuple[Any, int]:
        """``data.TYPE.NAME.ATTRIBUTE``: a ``--param`` of that name, else a sample value for
        where the API runs (:data:`_SAMPLE_DATA`), else a placeholder naming the --param."""
        rendered = self._repeated_template_file(steps)
        if rendered is not None:
            return rendered
        if len(steps) < 4 or not all(isinstance(step, str) for step in steps[1:4]):
            return _deployed(steps), len(steps)
        text = _reference_text(steps[:4])
        if text in self.params:
            return self.params[text], 4
        block = self.data_sources.get((steps[1], steps[2]))
        if block is not None and (steps[1], steps[3]) == ("template_file", "rendered"):
            return self._rendered(block), 4
        if block is not None and steps[1] == _PREFIX + "resource" and steps[3] in ("id", "path"):
            found = self._resource_by_path(block, text)
            if found is not None:
                return (found.name if steps[3] == "path" else found), 4
        if block is None or (steps[1], steps[3]) not in _SAMPLE_DATA:
            return _deployed(steps), len(steps)
        if steps[1] == "aws_region":
            return self._region(block), 4
        return _SAMPLE_DATA[(steps[1], steps[3])], 4

    def _resource_by_path(self, block: Block, text: str) -> ResourceRef | None:
        """``data "aws_api_gateway_resource"`` looks a resource of the REST API up by its
        ``path`` (the AWS provider's data source): its ``id`` names the resource at that
        path, which the API's resources declare (``/`` is the root resource). None when the
        path is not a known string."""
        expr = block.attributes.get("path")
        path = self._memo(("data", *block.labels, "path"), expr) if expr is not None else None
        if not isinstance(path, str) or unknowns_in(path) or not path.startswith("/"):
            return None
        return ResourceRef(text, _DATA_RESOURCE, path, "id", None, why=_created(
            _DATA_RESOURCE, path), owner=self)

    def _repeated_template_file(self, steps: list[Any]) -> tuple[Any, int] | None:
        """A ``template_file`` data source with ``for_each`` or ``count``: one instance
        (``data.template_file.NAME[KEY].rendered``) or all of them as a value
        (``data.template_file.NAME``: an object by key, a list by index, each with its
        ``rendered``); None for any other reference."""
        if len(steps) < 3 or steps[1] != "template_file" or not isinstance(steps[2], str):
            return None
        block = self.data_sources.get(("template_file", steps[2]))
        if block is None or not ("for_each" in block.attributes or "count" in block.attributes):
            return None
        instances = self.instances(block)
        if len(steps) == 3:
            objects = {i.key: {"rendered": self._rendered(i)} for i in instances}
            return (list(objects.values()) if "count" in block.attributes else objects), 3
        if isinstance(steps[3], Key) and len(steps) > 4 and steps[4] == "rendered":
            key = steps[3].value
            if isinstance(key, Unknown):
                return derived(_reference_text(steps[:5]), key), 5
            for instance in instances:
                if instance.key == key:
                    return self._rendered(instance), 5
            raise DefinitionError(f"data.template_file.{steps[2]}{Key(key)}: no such instance "
                                  f"(its keys: {', '.join(repr(i.key) for i in instances)})",
                                  block.source)
        return None

    def _rendered(self, block: Block) -> Any:
        """``data.template_file.NAME.rendered`` (the template provider, templatefile()'s
        forerunner, still common): its ``template`` text rendered with its ``vars`` as the
        only names in scope, as templatefile() renders a file; the text keeps the file and
        line it was read from (``file()``) or written at."""
        template_expr = block.attributes.get("template")
        if template_expr is None:
            raise DefinitionError(f"data.template_file.{block.labels[1]}: template is required",
                                  block.source)
        labels = (*block.labels, repr(block.key))
        template = self._memo(("data", *labels, "template"), template_expr, block.scope)
        if isinstance(template, Unknown):
            return derived(f"data.template_file.{block.labels[1]}.rendered", template)
        if not isinstance(template, str):
            raise DefinitionError(f"data.template_file.{block.labels[1]}: template must be a "
                                  f"string, not {_shown(template)}", template_expr.source)
        variables: Any = {}
        if "vars" in block.attributes:
            variables = self._memo(("data", *labels, "vars"), block.attributes["vars"],
                                   block.scope)
        if not isinstance(variables, dict):
            raise DefinitionError(f"data.template_file.{block.labels[1]}: vars must be a map, "
                                  f"not {_shown(variables)}", block.attributes["vars"].source)
        where = template.source if isinstance(template, SourcedStr) else template_expr.source
        parts = scan_template(str(template), Path(where.file), where.line or 1)
        evaluator = Evaluator(self.root_folder, None)
        evaluator.notes = self.evaluator.notes
        result = evaluator.render(parts, dict(variables))
        text = result if isinstance(result, str) else str(result)
        if where.line != 1:
            return result
        rendered = SourcedStr(text, where, unknowns_in(result))
        if text.count("\n") != str(template).count("\n"):
            rendered.origins = line_origins(evaluator, parts, dict(variables), Path(where.file), text)
        return rendered

    def _named_attribute(self, block: Block, attribute: str) -> str | None:
        """An ARN (or URL) of a resource whose name the configuration writes, in the form the
        AWS provider documents (:data:`_NAMED_FORMS`), in the provider's region and the
        sample account; None when the name is not known before ``apply``."""
        form = _NAMED_FORMS.get((block.labels[0], attribute))
        if form is None:
            return None
        name_argument = "function_name" if block.labels[0] == "aws_lambda_function" else "name"
        name = self.attribute(block, name_argument)
        if not isinstance(name, str) or unknowns_in(name):
            return None  # generated, or built from what only apply knows
        region = self._region(None)
        if not isinstance(region, str) or unknowns_in(region):
            return None  # the provider's region is a variable without a value
        account = PSEUDO_PARAMETERS["AWS::AccountId"]
        return form.format(name=name, region=region, account=account,
                           function=f"arn:aws:lambda:{region}:{account}:function:{name}")

    def _invoke_arn_of_unnamed(self, type_: str, name: str, key: Any, text: str) -> Any:
        """The ``invoke_arn`` of a Lambda function whose name only ``apply`` knows (a
        generated or random one): still a Lambda invocation URI, in the provider's region,
        around the function's ARN as a placeholder, so the integration is known to call a
        Lambda function (its error selection, ``--lambda-result``); None when the region is
        not known either."""
        region = self._region(None)
        if not isinstance(region, str) or unknowns_in(region):
            return None
        arn_text = text.removesuffix(".invoke_arn") + ".arn"
        given = self.params.get(arn_text)
        arn = given if isinstance(given, str) else _resource_ref(arn_text, type_, name, "arn",
                                                                   key, self)
        uri = (f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}"
               "/invocations")
        return uri if isinstance(arn, str) else PartlyUnknown(uri, (arn,))

    def _region(self, block: Block | None) -> Any:
        """The region of an ``aws_region`` data source (None: of the resources): the one it
        names (``region``, or ``name`` before provider 6), else the ``aws`` provider's, else
        the sample region."""
        for owner, names in ((block, ("region", "name")), (self.aws_provider, ("region",))):
            for name in names:
                if owner is not None and name in owner.attributes:
                    key = (owner.type, *owner.labels, name)
                    return self._memo(key, owner.attributes[name])
        if self.aws_provider is None and self.parent is not None:
            return self.parent._region(None)  # the caller's provider, passed down
        return PSEUDO_PARAMETERS["AWS::Region"]

    def _variable(self, name: str, expr: Expr) -> Any:
        """``params`` (as ``-var``), else a .tfvars value, else the default, else unknown."""
        block = self.variables.get(name)
        if block is None:
            raise DefinitionError(f"var.{name} is not declared (no variable \"{name}\" block)",
                                  expr.source)
        type_expr = block.attributes.get("type")
        if name in self.params:
            given = self._param(name, block)
            return given if type_expr is None else with_type_defaults(
                self.evaluator, type_expr, given)
        value = self.assigned.get(name) or block.attributes.get("default")
        if value is None:
            # Said once, as the CloudFormation reader says a parameter without a value.
            given = (f"no --param {name}=VALUE" if self.called_at is None
                     else f"the module call at {self.called_at} gives none")
            warning = (f"{block.source}: variable {name} has no default and {given}: "
                       f"it stays ${{var.{name}}}")
            if warning not in self.warnings:
                self.warnings.append(warning)
            return Unknown(f"var.{name}", why=self._how_to_give(name))
        # .tfvars values and defaults are constants: no references to evaluate.
        result = self._memo(("var", name), value)
        return result if type_expr is None else with_type_defaults(self.evaluator, type_expr,
                                                                  result)

    def _how_to_give(self, name: str) -> str:
        """What a variable without a value is, and how the user gives it one."""
        if self.called_at is None:
            return (f"the value of variable {name}, which has no default and was given none: "
                    f"give it with --param {name}=VALUE (or in terraform.tfvars) to run it")
        return (f"the value of variable {name} of module {self.folder}, which has no default and "
                f"was given none by the module call at {self.called_at}: give it there to run it")

    def _param(self, name: str, block: Block) -> Any:
        """A ``--param`` value: text for a string variable, else an HCL value (as ``-var``);
        a module call's inputs are values already."""
        text = self.params[name]
        type_expr = block.attributes.get("type")
        # a module call's input is a value even when it is a string; `type = "string"` is
        # the quoted type constraint of Terraform 0.11, which 0.12 still read
        kind = type_expr.text.strip('"') if type_expr is not None else None
        if isinstance(text, str) and self.called_at is not None and kind in ("number", "bool"):
            return _converted(text, kind)
        if not isinstance(text, str) or self.called_at is not None or kind in (None, "string"):
            return text
        return Evaluator(self.root_folder, None).evaluate(
            parse_value(text, Path(f"--param {name}"), 1))

    def _resource_attribute(self, type_: str, name: str, steps: list[Any],
                            expr: Expr) -> tuple[Any, int]:
        key, used = (steps[2].value, 3) if len(steps) > 2 and isinstance(steps[2], Key) \
            else (None, 2)
        if isinstance(key, Unknown):
            return derived(_reference_text(steps), key), len(steps)
        declared = self.resources.get((type_, name))
        if len(steps) == 2 and declared is not None and (
                "count" in declared.attributes or "for_each" in declared.attributes):
            return self._collection(declared), 2  # for_each = aws_x.y, as Terraform allows
        block = self.instance(type_, name, key, expr)
        if len(steps) <= used or not isinstance(steps[used], str):
            # the whole resource as a value: its attributes still resolve as references
            instance = steps[:used]
            return ResourceObject(_reference_text(instance), why=_created(type_, name),
                                  attribute_of=lambda attribute: self._resource_attribute(
                                      type_, name, [*instance, attribute], expr)[0]), used
        attribute = steps[used]
        if attribute in block.attributes and attribute not in ("count", "for_each"):
            return self.attribute(block, attribute), used + 1
        text = _reference_text([type_, name, *([Key(key)] if used == 3 else []), attribute])
        if text in self.params and not type_.startswith(_PREFIX):
            return self.params[text], used + 1  # what `terraform apply` would learn
        named = self._named_attribute(block, attribute)
        if named is not None:
            return named, used + 1
        if (type_, attribute) == ("aws_lambda_function", "invoke_arn"):
            invoke = self._invoke_arn_of_unnamed(type_, name, key, text)
            if invoke is not None:
                return invoke, used + 1
        if type_ == _PREFIX + "resource" and attribute == "path":
            reference = _resource_ref(text, type_, name, "id", key, self)
            return _ResourcePaths(self).path(reference, expr), used + 1
        return _resource_ref(text, type_, name, attribute, key, self), used + 1

    def of_type(self, suffix: str) -> list[Block]:
        """The instances of the resources of type ``aws_api_gateway_<suffix>``, in file order."""
        return [instance for (type_, _), block in self.resources.items()
                if type_ == _PREFIX + suffix for instance in self.instances(block)]


#: The data source attributes that say where the API runs, with the sample values the
#: CloudFormation reader gives the pseudo parameters AWS::Region, AWS::AccountId,
#: AWS::Partition and AWS::URLSuffix (attributes: the AWS provider's pages of these data
#: sources; an aws_region's own is worked out by _Module._region).
_SAMPLE_DATA: dict[tuple[str, str], str] = {
    ("aws_region", "name"): PSEUDO_PARAMETERS["AWS::Region"],
    ("aws_region", "region"): PSEUDO_PARAMETERS["AWS::Region"],
    ("aws_region", "id"): PSEUDO_PARAMETERS["AWS::Region"],
    ("aws_caller_identity", "account_id"): PSEUDO_PARAMETERS["AWS::AccountId"],
    ("aws_caller_identity", "id"): PSEUDO_PARAMETERS["AWS::AccountId"],
    ("aws_partition", "partition"): PSEUDO_PARAMETERS["AWS::Partition"],
    ("aws_partition", "id"): PSEUDO_PARAMETERS["AWS::Partition"],
    ("aws_partition", "dns_suffix"): PSEUDO_PARAMETERS["AWS::URLSuffix"],
}

#: What ``apply`` learns of a resource whose name the configuration writes, as the AWS
#: provider's pages of these resources give it ("Attribute Reference"); the same known
#: exceptions as the CloudFormation reader's (a Lambda function, a state machine, a queue, a
#: table, a topic with a written name).
_NAMED_FORMS: dict[tuple[str, str], str] = {
    ("aws_lambda_function", "arn"): "{function}",
    ("aws_lambda_function", "invoke_arn"):
        "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function}/invocations",
    ("aws_sfn_state_machine", "arn"): "arn:aws:states:{region}:{account}:stateMachine:{name}",
    ("aws_sqs_queue", "arn"): "arn:aws:sqs:{region}:{account}:{name}",
    ("aws_sqs_queue", "url"): "https://sqs.{region}.amazonaws.com/{account}/{name}",
    ("aws_dynamodb_table", "arn"): "arn:aws:dynamodb:{region}:{account}:table/{name}",
    ("aws_sns_topic", "arn"): "arn:aws:sns:{region}:{account}:{name}",
}

#: The end of the message for a value the user cannot give this tool (see _deployed).
_WRITE_IT = "it is only known when deploying, so write the value into the template to run it"


def _resource_ref(text: str, type_: str, name: str, attribute: str, key: Any,
                  owner: _Module) -> ResourceRef:
    """A resource's attribute that only ``terraform apply`` knows (its id, ARN…), declared
    in module ``owner``."""
    return ResourceRef(text, type_, name, attribute, key, why=_created(type_, name, text),
                       owner=owner)


def _created(type_: str, name: str, text: str | None = None) -> str:
    # The API's own resources wire methods together: their ids are never given.
    give = (f"give it with --param {text}=VALUE to run it"
            if text is not None and not type_.startswith(_PREFIX) else _WRITE_IT)
    return (f"a value of resource {type_}.{name} that Terraform learns when it creates it "
            f"(terraform apply): {give}")


def _deployed(steps: list[Any]) -> Unknown:
    """``data.…`` (read when planning) or ``module.…`` (not read here) as a placeholder."""
    text = _reference_text(steps)
    if steps[0] == "data":
        what = "data source " + ".".join(str(s) for s in steps[:3])
        give = (f"give it with --param {_reference_text(steps[:4])}=VALUE to run it"
                if len(steps) >= 4 and all(isinstance(s, str) for s in steps[1:4]) else _WRITE_IT)
        why = f"a value Terraform reads from the {what} when it plans: {give}"
    else:
        module = ".".join(str(s) for s in steps[:2])
        give = (f"give it with --param {_reference_text(steps[:3])}=VALUE to run it"
                if len(steps) >= 3 and all(isinstance(s, str) for s in steps[1:3]) else _WRITE_IT)
        why = f"an output of {module}, a module this tool does not read: {give}"
    return Unknown(text, why=why)


def _unresolved(unknowns: tuple[Unknown, ...] | list[Unknown],
                text: str) -> tuple[str | None, str | None]:
    """The first of ``unknowns`` (the placeholders this reader left in a template's ``text``)
    that the text holds, and what it is and how to give it (``MappingTemplate.unresolved``
    and ``unresolved_hint``); (None, None) when there are none. Only unknowns the evaluator
    put into the text count: a ``${x}`` the user wrote (``$${x}``, or in a file read by
    ``file()``) is Velocity's."""
    if not unknowns:
        return None, None
    # The first in the text; one a function changed (upper(), replace()) is still needed.
    present = [u for u in unknowns if str(u) in text]
    unknown = min(present, key=lambda u: text.index(str(u))) if present else unknowns[0]
    root = unknown.root
    why = root.why or f"a value this tool cannot work out: {_WRITE_IT}"
    return str(unknown), why if root is unknown else f"which needs {root}, {why}"


def _reference_text(steps: list[Any]) -> str:
    return "".join(f".{s}" if isinstance(s, str) else str(s) if isinstance(s, Key) else f"[{s}]"
                   for s in steps).lstrip(".")


#: How Terraformer (``terraformer import aws``) names what it exports: ``tfer--`` and the
#: deployed id; its files refer to each other by those ids, written as literals.
_TERRAFORMER_PREFIX = "tfer--"


class _ResourcePaths:
    """Full resource paths from ``path_part`` and ``parent_id`` chains."""

    def __init__(self, module: _Module) -> None:
        self.module = module

    def path(self, ref: Any, expr: Expr, seen: tuple[str, ...] = ()) -> str:
        """The path of the resource that ``ref`` (a ``resource_id`` value) points to."""
        if isinstance(ref, ResourceRef) and ref.type == _PREFIX + "rest_api" \
                and ref.attribute == "root_resource_id":
            return "/"
        if isinstance(ref, ResourceRef) and ref.type == _DATA_RESOURCE:
            return ref.name  # data "aws_api_gateway_resource": the resource at that path
        if isinstance(ref, str) and self._exported(ref) is not None:
            return self._exported_path(ref, expr, seen)
        if isinstance(ref, str) and self.module.of_type("rest_api") and all(
                block.labels[1].startswith(_TERRAFORMER_PREFIX)
                for block in self.module.of_type("rest_api")):
            # a Terraformer export without its api_gateway_resource.tf: the literal id names
            # a resource whose path only that file gives
            raise DefinitionError(
                f"cannot tell which resource {ref!r} is: this is a Terraformer export (its "
                f"blocks are named tfer--ID) declaring no aws_api_gateway_resource "
                f"\"{_TERRAFORMER_PREFIX}{ref}\"; add the export's api_gateway_resource.tf, "
                "which gives each resource's path_part and parent_id", expr.source)
        if not (isinstance(ref, ResourceRef) and ref.type == _PREFIX + "resource"
                and ref.attribute == "id"):
            given = ""
            if self.module.called_at is not None and "var." in expr.text:
                # the wrong value came in through a variable: name the call that gave it
                given = (f" ({expr.text.strip()} is given by the module call at "
                         f"{self.module.called_at})")
            raise DefinitionError(
                f"cannot tell which resource {_shown(ref)} is: a resource id must refer to "
                f"aws_api_gateway_resource.NAME.id or aws_api_gateway_rest_api.NAME."
                f"root_resource_id{given}", expr.source)
        this = ref.text
        if this in seen:
            raise DefinitionError(f"{this}: parent_id chain loops", expr.source)
        # a resource id a module call passed into a local module: the caller's resource
        module = ref.owner if isinstance(ref.owner, _Module) else self.module
        block = module.instance(ref.type, ref.name, ref.key, expr)
        part = module.attribute(block, "path_part")
        parent_expr = block.attributes.get("parent_id")
        if not isinstance(part, str) or parent_expr is None:
            raise DefinitionError(f"{this.removesuffix('.id')} needs a path_part string "
                                  "and a parent_id", block.source)
        paths = self if module is self.module else _ResourcePaths(module)
        parent = paths.path(module.attribute(block, "parent_id"), parent_expr, (*seen, this))
        path = parent.rstrip("/") + "/" + part
        # named by type, name and key: `.path` and `.id` references name one resource
        key = [Key(ref.key)] if ref.key is not None else []
        self._check_unique(path, module, _reference_text([ref.type, ref.name, *key]), block)
        return path

    def _check_unique(self, path: str, module: _Module, name: str, block: Block) -> None:
        """Refuse a second resource at the same path (same parent, same path_part): API
        Gateway's CreateResource answers ConflictException ("Another resource with the same
        parent already has this name"). Two calls of one module that each create their
        resource for the same path part are the common way to write it."""
        root = self.module
        while root.parent is not None:
            root = root.parent
        named = name + (f" (module call at {module.called_at})"
                        if module.called_at is not None else "")
        first = root.resource_paths.setdefault(path, ((id(module), named), block.source))
        if first[0] != (id(module), named):
            raise DuplicateResource(
                f"{named} is a second resource at {path} (the first: {first[0][1]} at "
                f"{first[1]}): API Gateway refuses it (CreateResource: ConflictException, "
                "\"Another resource with the same parent already has this name\"); refer to "
                "the first one's id instead", block.source)

    def check_all(self, blocks: list[Block]) -> None:
        """Resolve the path of each of ``blocks`` (aws_api_gateway_resource instances of
        the chosen API), so that two at one path are refused even when no method uses
        one of them; one whose path cannot be worked out here is left alone."""
        for block in blocks:
            key = [Key(block.key)] if block.key is not None else []
            text = _reference_text([block.labels[0], block.labels[1], *key, "id"])
            ref = _resource_ref(text, block.labels[0], block.labels[1], "id", block.key,
                                self.module)
            expr = block.attributes.get("parent_id") or block.attributes.get("path_part")
            if expr is None:
                continue
            try:
                self.path(ref, expr)
            except DuplicateResource:
                raise
            except DefinitionError:
                continue


    def _exported(self, resource_id: str) -> Block | None:
        """The resource a Terraformer export declares for the deployed ``resource_id``: it
        writes ids as literals and names each resource ``tfer--ID`` (its naming rule), so the
        literal ``"vh2ud6"`` is the block named ``tfer--vh2ud6``."""
        for block in self.module.of_type("resource"):
            if len(block.labels) > 1 and block.labels[1] == _TERRAFORMER_PREFIX + resource_id:
                return block
        return None

    def _exported_path(self, resource_id: str, expr: Expr, seen: tuple[str, ...]) -> str:
        """The path of an exported resource; the export writes the API's root resource as
        one with an empty ``path_part`` and ``parent_id`` (the root has neither)."""
        if resource_id in seen:
            raise DefinitionError(f"resource {resource_id}: parent_id chain loops", expr.source)
        block = self._exported(resource_id)
        assert block is not None
        part = self.module.attribute(block, "path_part")
        parent = self.module.attribute(block, "parent_id")
        parent_expr = block.attributes.get("parent_id")
        if part == "" and parent in ("", None):
            return "/"
        if not isinstance(part, str) or parent_expr is None:
            raise DefinitionError(f"{'.'.join(block.labels)} needs a path_part string and a "
                                  "parent_id", block.source)
        return self.path(parent, parent_expr, (*seen, resource_id)).rstrip("/") + "/" + part


#: The type of the reference a ``data "aws_api_gateway_resource"`` id is (its name is the
#: path it looks up).
_DATA_RESOURCE = "data." + _PREFIX + "resource"

#: A block name Terraform (0.12+) accepts: hclsyntax.ValidIdentifier.
_NAME = re.compile(r"[^\W\d][\w-]*")

#: The strings Terraform converts to a bool where one is expected (go-cty's string → bool
#: conversion, cty/convert/conversion_primitive.go: "true"/"1" and "false"/"0"); Terraform
#: 0.11 modules write "0" for false, as 0.11 stored booleans.
_BOOL_STRINGS = {"true": True, "1": True, "false": False, "0": False}


def _exported_api_id(rest_api: Block) -> str | None:
    """The deployed id of a REST API a Terraformer export declares (it names the block
    ``tfer--ID_NAME``: its naming rule for REST APIs), which the export's other blocks write
    as their literal ``rest_api_id``; None for a block named otherwise."""
    label = rest_api.labels[1] if len(rest_api.labels) > 1 else ""
    if not label.startswith(_TERRAFORMER_PREFIX):
        return None
    return label.removeprefix(_TERRAFORMER_PREFIX).split("_", 1)[0]


def _kind(value: Any) -> str:
    """What a value is, for messages."""
    if isinstance(value, dict):
        return "a map"
    return "a list" if isinstance(value, (list, tuple)) else "null" if value is None else "a value"


class DuplicateResource(DefinitionError):
    """Two aws_api_gateway_resource at one path, which API Gateway refuses."""


def _converted(text: str, kind: str) -> Any:
    """A module call's string input to a ``number`` or ``bool`` variable, converted as
    Terraform converts a string to that type ("5" is 5, "true" is true); text that is no
    such value is kept (Terraform's "Invalid value for input variable" is not modelled)."""
    if kind == "bool":
        return _BOOL_STRINGS.get(text, text)
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() \
        else number


def _shown(value: Any) -> str:
    return str(value) if isinstance(value, Unknown) else repr(value)


class _ApiBuilder:
    """Turns the module's ``aws_api_gateway_*`` resources into the model."""

    def __init__(self, module: _Module) -> None:
        self.module = module
        self.paths = _ResourcePaths(module)

    def _api_given_by_variable(self) -> str:
        """How to read methods whose REST API a variable names (a module written for a root
        module to call): through the folder that declares the API and calls this one."""
        for block in self.module.of_type("method") + self.module.of_type("resource"):
            expr = block.attributes.get("rest_api_id")
            named = expr.text.strip('"${} ') if expr is not None else ""
            if named.startswith("var."):
                return (f"; its methods belong to the REST API that {named} names "
                        f"({block.source}): read the folder that declares that "
                        "aws_api_gateway_rest_api and calls this module")
        return ""

    def build(self, check_unused: bool = True) -> Api:
        """The model of the chosen REST API of this module; ``check_unused`` False leaves the
        check of validators no method names to the caller, who adds methods."""
        apis = self.module.of_type("rest_api")
        if not apis:
            modules = [w.split(": ", 1)[1] for w in self.module.warnings if ": module " in w]
            raise DefinitionError(f"{self.module.folder} looks like Terraform but declares no "
                                  "aws_api_gateway_rest_api" + "".join(f"; {m}" for m in modules)
                                  + self._api_given_by_variable())
        rest_api = self._chosen(apis)
        self.chosen = rest_api.labels[1]
        self.chosen_id = _exported_api_id(rest_api)
        api = self._body_api(rest_api) or Api()
        api.name = self._string(rest_api, "name") or rest_api.labels[1]
        api.format, api.source = FORMAT, rest_api.source
        media_types = self._value(rest_api, "binary_media_types")
        if media_types is not None:
            listed = self._list(media_types, rest_api, "binary_media_types")
            api.binary_media_types = [self._text(v, rest_api, "binary_media_types") for v in listed]
        if self._value(rest_api, "minimum_compression_size") is not None:
            # a string in AWS provider v5 ("" by default; "-1" turns compression off)
            api.minimum_compression_size = compression_size(
                self._value(rest_api, "minimum_compression_size"), self._where(rest_api, "minimum_compression_size"),
                f"{self._label(rest_api)}: minimum_compression_size", off=("", -1))
        key_source = self._string(rest_api, "api_key_source")
        if key_source:
            if key_source.upper() not in ("HEADER", "AUTHORIZER"):
                raise DefinitionError(f"{self._label(rest_api)}: api_key_source {key_source!r} "
                                      "is not HEADER or AUTHORIZER",
                                      self._where(rest_api, "api_key_source"))
            api.api_key_source = key_source.upper()
        if self._value(rest_api, "policy") is not None:
            api.warnings.append(resource_policy_not_evaluated(
                self._where(rest_api, "policy"), f"{self._label(rest_api)}.policy"))
        for block in self._parts("rest_api_policy"):
            api.warnings.append(resource_policy_not_evaluated(block.source, self._label(block)))
        if str(self._value(rest_api, "disable_execute_api_endpoint")).lower() == "true":
            api.warnings.append(default_endpoint_disabled(
                self._where(rest_api, "disable_execute_api_endpoint"),
                f"{self._label(rest_api)}.disable_execute_api_endpoint"))
        self._validators(api)
        self._authorizers(api)
        self._models(api)
        self._gateway_responses(api)
        self._stages(api)
        from_body = {id(method) for method in api.methods}
        self._methods(api)
        self._module_methods(api)
        self.paths.check_all(self._parts("resource"))
        if check_unused:
            self._unused_validators(api)
        self._empty_response_templates(
            api, [method for method in api.methods if id(method) not in from_body])
        api.warnings.extend(self.module.warnings + self.module.evaluator.notes)
        return api

    def add_to(self, api: Api, api_builder: _ApiBuilder) -> None:
        """Add the parts this (root) module and its other local modules declare to ``api``,
        built by ``api_builder`` from a local module this one calls."""
        self.chosen, self.chosen_id = api_builder.chosen, api_builder.chosen_id
        self._add_parts(api, self)
        self._module_methods(api)
        api_builder._unused_validators(api)  # now that every method names its validator
        self._unused_validators(api)
        # this module's own warnings (variables, modules not read…) after the line saying
        # which module the API is read from
        own = [w for w in self.module.warnings + self.module.evaluator.notes if w not in api.warnings]
        api.warnings[1:1] = own

    def _add_parts(self, api: Api, builder: _ApiBuilder) -> None:
        """The validators, authorizers, models, gateway responses and methods ``builder``'s
        module declares for the chosen REST API, added to ``api``."""
        added = Api()
        builder._validators(added)
        builder._authorizers(added)
        builder._models(added)
        builder._gateway_responses(added)
        api.request_validators.update(added.request_validators)
        api.authorizers.update(added.authorizers)
        api.models.update(added.models)
        api.gateway_responses.update(added.gateway_responses)
        api.warnings.extend(added.warnings)
        builder._methods(api)

    def _module_methods(self, api: Api) -> None:
        """The parts of the chosen REST API that local modules called here declare (the
        common "one module per method" layout: the caller passes its API's and resource's
        ids in), then those of the modules they call."""
        for call, child in self.module.modules_adding_methods():
            builder = _ApiBuilder(child)
            builder.chosen, builder.chosen_id = self.chosen, self.chosen_id
            self._add_parts(api, builder)
            builder._module_methods(api)
            api.warnings.extend(w for w in child.warnings + child.evaluator.notes
                                if w not in api.warnings)

    def _empty_response_templates(self, api: Api, methods: list[Method]) -> None:
        """An empty response template (``"application/json" = ""``, or an empty heredoc,
        often meant as "pass the answer through") is stored by API Gateway as a null
        template, as the console's "no template" is (aws/aws-cli#1610). Whether the backend's
        body then passes through or an empty body is sent is not recorded; the pipeline
        sends an empty one (spec pipeline §9), so a user is told. MOCK integrations are left
        out: their backend body is empty either way."""
        for method in methods:
            integration = method.integration
            if integration is None or integration.is_proxy or integration.type == "MOCK":
                continue
            for response in integration.responses:
                for media_type, template in response.response_templates.items():
                    if template.text == "":
                        where = template.source or response.source or method.source
                        api.warnings.append(
                            f"{where or ''}: {method}: the {response.status_code} response's "
                            f"{media_type} template is empty: API Gateway stores it as no "
                            "template (null); this tool then sends an empty body, and whether "
                            "AWS passes the backend's body through instead is not recorded")

    def _unused_validators(self, api: Api) -> None:
        """A validator resource no method names in ``request_validator_id`` checks nothing: API
        Gateway validates a method's request only with the validator the method names
        (AWS-DOC api-gateway-method-request-validation), so declaring one is not enough."""
        used = {method.request_validator for method in api.methods}
        for block in self._parts("request_validator"):
            name = self._string(block, "name")
            if name is not None and name not in used:
                api.warnings.append(
                    f"{block.source}: {self._label(block)} ({name!r}) is named by no method's "
                    "request_validator_id: it validates nothing (API Gateway checks a method's "
                    "request only with the validator the method names)")

    def _chosen(self, apis: list[Block]) -> Block:
        """The REST API to read: the only one, or the one ``--param vtl:api=NAME`` names."""
        names = [block.labels[1] for block in apis]
        wanted = self.module.api_choice
        if wanted is not None:
            # the block's name, or the API's own name argument (a Terraformer export names
            # its blocks tfer--ID_NAME)
            chosen = [block for block in apis if wanted in (block.labels[1],
                                                             self._string(block, "name"))]
            if len(chosen) != 1:
                raise DefinitionError(f"--param {API_CHOICE}={wanted}: no aws_api_gateway_rest_api "
                                      f"named {wanted!r} (declared: {', '.join(names)})"
                                      if not chosen else f"--param {API_CHOICE}={wanted}: several "
                                      "REST APIs have that name: give the block's name, one of "
                                      f"{', '.join(b.labels[1] for b in chosen)}")
            return chosen[0]
        if len(apis) > 1:
            raise DefinitionError(f"{self.module.folder} declares several REST APIs "
                                  f"({', '.join(names)}): choose one with --param "
                                  f"{API_CHOICE}=NAME", apis[1].source)
        return apis[0]

    def _parts(self, suffix: str) -> list[Block]:
        """The ``aws_api_gateway_<suffix>`` resources of the chosen API (by ``rest_api_id``)."""
        parts = []
        for block in self.module.of_type(suffix):
            owner = self._value(block, "rest_api_id") if "rest_api_id" in block.attributes else None
            if isinstance(owner, ResourceRef) and owner.type == _PREFIX + "rest_api" \
                    and owner.name != self.chosen:
                continue  # another REST API of this folder
            if isinstance(owner, str) and owner != self.chosen_id and any(
                    _exported_api_id(api) == owner for api in self.module.of_type("rest_api")):
                continue  # a Terraformer export's literal id of another REST API it holds
            parts.append(block)
        return parts

    # values of arguments

    def _value(self, block: Block, name: str) -> Any:
        return self.module.attribute(block, name)

    def _where(self, block: Block, name: str) -> Source:
        expr = block.attributes.get(name)
        return expr.source if expr is not None else block.source

    def _label(self, block: Block) -> str:
        label = ".".join(block.labels)
        return label if block.key is None else f"{label}{Key(block.key)}"

    def _string(self, block: Block, name: str, required: bool = False) -> str | None:
        value = self._value(block, name)
        if value is None:
            if required:
                raise DefinitionError(f"{self._label(block)}: {name} is required", block.source)
            return None
        return self._text(value, block, name)

    def _text(self, value: Any, block: Block, name: str, where: Source | None = None) -> str:
        """A string argument (Terraform converts numbers and booleans); ``where`` is the line of
        a map entry, which the argument's own line would miss."""
        if isinstance(value, Unknown):
            return str(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (str, int, float)):
            return str(value)
        raise DefinitionError(f"{self._label(block)}: {name} must be a string, not {_kind(value)}",
                              where or self._where(block, name))

    def _bool(self, block: Block, name: str) -> bool:
        value = self._value(block, name)
        if value is None:
            return False
        if isinstance(value, str) and value in _BOOL_STRINGS:
            return _BOOL_STRINGS[value]
        if not isinstance(value, bool):
            raise DefinitionError(f"{self._label(block)}: {name} must be true or false, not "
                                  f"{_shown(value)}", self._where(block, name))
        return value

    def _list(self, value: Any, block: Block, name: str) -> list[Any]:
        if not isinstance(value, list):
            raise DefinitionError(f"{self._label(block)}: {name} must be a list",
                                  self._where(block, name))
        return value

    def _map(self, block: Block, name: str) -> list[tuple[str, Any, Source]]:
        """The entries of a map argument, each with its own line when written inline."""
        expr = block.attributes.get(name)
        if expr is None:
            return []
        entries = self.module.evaluator.entries(expr, block.scope)
        if entries is not None:
            return entries
        value = self._value(block, name)
        if value is None:
            return []  # null: as if the argument were not written (Terraform's null)
        if isinstance(value, Unknown) and value.root.why:
            # what the map is built from, not only the call that builds it
            root = value.root
            raise DefinitionError(f"{self._label(block)}: {name} must be a map, not {value}"
                                  + ("" if root is value else f", which needs {root}")
                                  + f": {root.why}", expr.source)
        if not isinstance(value, dict):
            raise DefinitionError(f"{self._label(block)}: {name} must be a map, not "
                                  f"{_shown(value)}", expr.source)
        return [(key, item, expr.source) for key, item in value.items()]

    def _strings(self, block: Block, name: str) -> dict[str, str]:
        return {key: self._text(value, block, f"{name}[{key!r}]", source)
                for key, value, source in self._map(block, name)}

    def _flags(self, block: Block, name: str) -> dict[str, bool]:
        result = {}
        for key, value, source in self._map(block, name):
            # a map(bool) argument: Terraform converts the strings "true"/"false" (what
            # Terraformer exports write) and "1"/"0" (Terraform 0.11 modules) as it does for a
            # bool argument (see _bool)
            if isinstance(value, str) and value in _BOOL_STRINGS:
                value = _BOOL_STRINGS[value]
            if not isinstance(value, bool):
                raise DefinitionError(f"{self._label(block)}: {name}[{key!r}] must be true or "
                                      "false", source)
            result[key] = value
        return result

    def _templates(self, block: Block, name: str) -> dict[str, MappingTemplate]:
        """A map of content type → template; each template keeps the file and line of its text."""
        result = {}
        for content_type, value, source in self._map(block, name):
            if isinstance(value, SourcedStr):
                source = value.source
            text = self._text(value, block, f"{name}[{content_type!r}]", source)
            placeholder, hint = _unresolved(unknowns_in(value), text)
            result[content_type] = MappingTemplate(text, source, unresolved=placeholder,
                                                   unresolved_hint=hint)
        return result

    def _checked(self, build: Callable[[], T], block: Block) -> T:
        try:
            return build()
        except ModelError as error:
            raise DefinitionError(f"{self._label(block)}: {error}", block.source) from None

    def _ref_name(self, block: Block, name: str, suffix: str, attribute: str) -> str | None:
        """The ``attribute`` (e.g. ``name``) of the resource an ``…_id`` argument refers to.
        An empty string is no reference: the AWS provider sends an ``…_id`` only when it is
        set to something (a module's ``authorizer_id`` variable defaulting to "")."""
        value = self._value(block, name)
        if value is None or (isinstance(value, str) and not isinstance(value, Unknown)
                             and value == ""):
            return None
        if isinstance(value, ResourceRef) and value.type == _PREFIX + suffix:
            # the caller's validator or authorizer, when a module call passed its id in
            owner = value.owner if isinstance(value.owner, _Module) else self.module
            target = owner.instance(value.type, value.name, value.key, block.attributes[name])
            named = owner.attribute(target, attribute)
            return (self._text(named, target, attribute) if named is not None
                    else None) or value.name
        if isinstance(value, str):
            # a Terraformer export writes the deployed id; the block is named tfer--ID
            for target in self.module.of_type(suffix):
                if len(target.labels) > 1 and target.labels[1] == _TERRAFORMER_PREFIX + value:
                    return self._string(target, attribute) or value
        return self._text(value, block, name)

    # the parts of the API

    def _body_api(self, rest_api: Block) -> Api | None:
        """The API of the OpenAPI document the REST API is given: its ``body``, or the body
        of an ``aws_api_gateway_rest_api_put`` naming it, which the AWS provider sends to
        PutRestApi with mode overwrite (rest_api_put.go): that definition replaces the one
        the REST API was created with. Terraform orders the put after the REST API (its
        ``rest_api_id`` refers to it) but not before or after the API's other resources;
        the model's choice: those resources are added to the put's definition, as they are
        to a ``body``'s."""
        puts = self._parts("rest_api_put")
        if len(puts) > 1:
            raise DefinitionError(
                f"{self._label(puts[1])} and {self._label(puts[0])} both replace the definition "
                f"of {self._label(rest_api)}: which one AWS keeps depends on the order "
                "Terraform applies them in", puts[1].source)
        owner = puts[0] if puts else rest_api
        body = self._value(owner, "body")
        if body is None:
            if puts:
                raise DefinitionError(f"{self._label(owner)}: body is required", owner.source)
            return None
        where = self._where(owner, "body")
        if isinstance(body, Unknown) or not isinstance(body, str):
            raise DefinitionError(f"{self._label(owner)}: body must be an OpenAPI document "
                                  f"(a string), not {_shown(body)}", where)
        return _read_body(body, where)

    def _validators(self, api: Api) -> None:
        for block in self._parts("request_validator"):
            name = self._string(block, "name", required=True)
            assert name is not None
            api.request_validators[name] = RequestValidator(
                name, self._bool(block, "validate_request_parameters"),
                self._bool(block, "validate_request_body"))

    def _authorizers(self, api: Api) -> None:
        """``aws_api_gateway_authorizer``, by ``name``. The AWS provider's defaults (its
        documentation of the resource): ``type`` TOKEN, ``identity_source``
        ``method.request.header.Authorization``, ``authorizer_result_ttl_in_seconds`` 300."""
        for block in self._parts("authorizer"):
            authorizer = self._authorizer(block)
            api.authorizers[authorizer.name] = authorizer
        api.warnings.extend(dict.fromkeys(
            w for block in self._parts("authorizer") for w in self._unknown(block)))

    def _authorizer(self, block: Block) -> Authorizer:
        name = self._string(block, "name", required=True) or ""
        ttl_text = self._string(block, "authorizer_result_ttl_in_seconds") or "300"
        if not ttl_text.isdigit():
            raise DefinitionError(f"{self._label(block)}: authorizer_result_ttl_in_seconds must be "
                                  f"a number of seconds, not {ttl_text!r}",
                                  self._where(block, "authorizer_result_ttl_in_seconds"))
        authorizer = self._checked(lambda: Authorizer(
            name, self._string(block, "type") or "TOKEN",
            self._string(block, "identity_source") or "method.request.header.Authorization",
            self._string(block, "identity_validation_expression"),
            int(ttl_text)), block)
        authorizer.source = block.source
        return authorizer

    def _check_authorizer(self, block: Block, method: Method, api: Api) -> None:
        """An ``authorizer_id`` naming no authorizer of this folder (a literal ID, a variable)
        cannot be checked: the method runs as if it named none, and a warning says so."""
        if method.authorizer is None and method.authorization_type in PROTECTED_AUTHORIZATION_TYPES:
            api.warnings.append(authorizer_missing(self._where(block, "authorization"),
                                                   self._label(block), method.authorization_type,
                                                   "authorizer_id"))
        if method.authorizer is None or method.authorizer in api.authorizers:
            return
        api.warnings.append(f"{self._where(block, 'authorizer_id')}: {self._label(block)}: "
                            f"authorizer_id {method.authorizer!r} is no aws_api_gateway_authorizer "
                            "of this API; its identity sources are not checked")
        method.authorizer = None

    def _models(self, api: Api) -> None:
        for block in self._parts("model"):
            name = self._string(block, "name", required=True)
            assert name is not None
            unknown = self._value(block, "schema")
            if isinstance(unknown, Unknown):
                # said as what it is, not as text that fails to parse as JSON
                why = unknown.root.why or "a value known only when Terraform applies"
                raise DefinitionError(f"{self._label(block)}: schema is {unknown}: {why}",
                                      self._where(block, "schema"))
            schema_text = self._string(block, "schema") or "{}"
            try:
                import json

                schema = json.loads(schema_text)
            except ValueError as error:
                raise DefinitionError(f"{self._label(block)}: schema is not JSON ({error})",
                                      self._where(block, "schema")) from None
            api.models[name] = Model(name, schema, self._string(block, "content_type")
                                     or "application/json", block.source)

    def _gateway_responses(self, api: Api) -> None:
        for block in self._parts("gateway_response"):
            response = self._gateway_response(block)
            api.gateway_responses[response.response_type] = response

    def _gateway_response(self, block: Block) -> GatewayResponse:
        response_type = self._string(block, "response_type", required=True) or ""
        return self._checked(lambda: GatewayResponse(
            response_type, self._string(block, "status_code"),
            self._strings(block, "response_parameters"),
            self._strings(block, "response_templates"), block.source), block)

    def _stages(self, api: Api) -> None:
        # A deployment's (deprecated) stage_name and variables make a stage too; an
        # aws_api_gateway_stage of the same name is the one that counts.
        for block in self._parts("deployment"):
            name = self._string(block, "stage_name")
            if name:
                self._check_stage_name(api, block, name)
                api.stages[name] = self._strings(block, "variables")
        for block in self._parts("stage"):
            name = self._string(block, "stage_name", required=True)
            assert name is not None
            self._check_stage_name(api, block, name)
            api.stages[name] = self._strings(block, "variables")

    def _check_stage_name(self, api: Api, block: Block, name: str) -> None:
        refused = refused_stage_name(name)
        if refused is not None:
            api.warnings.append(f"{self._where(block, 'stage_name')}: {self._label(block)}: {refused}")

    def _methods(self, api: Api) -> None:
        # the methods already read (the caller's, when this is a local module): a module's
        # integration or response may belong to a method its caller declares
        methods: dict[tuple[str, str], Method] = {
            (method.path, method.http_method): method for method in api.methods}
        known = len(methods)
        for block in self._parts("method"):
            key = self._route(block)
            if key in methods:
                again = (f" (again by the module call at {self.module.called_at})"
                         if self.module.called_at is not None else "")
                raise DefinitionError(f"{key[1]} {key[0]} is declared twice{again}", block.source)
            methods[key] = self._method(block, *key)
            self._check_authorizer(block, methods[key], api)
        for block in self._parts("method_response"):
            method = self._method_of(block, methods)
            response = self._method_response(block)
            method.method_responses[response.status_code] = response
        for block in self._parts("integration"):
            method = self._method_of(block, methods)
            if method.integration is not None:
                raise DefinitionError(f"{method} has two integrations", block.source)
            method.integration = self._integration(block)
        for block in self._parts("integration_response"):
            method = self._method_of(block, methods)
            if method.integration is None:
                raise DefinitionError(f"{self._label(block)}: {method} has no "
                                      "aws_api_gateway_integration", block.source)
            method.integration.responses.append(self._integration_response(block))
        api.methods.extend(list(methods.values())[known:])
        for suffix in ("method", "method_response", "integration", "integration_response"):
            # dict.fromkeys: the instances of a resource with count/for_each warn once
            api.warnings.extend(dict.fromkeys(
                w for block in self._parts(suffix) for w in self._unknown(block)))

    def _unknown(self, block: Block) -> list[str]:
        """Warnings for the arguments and nested blocks of ``block`` its type does not have."""
        known = _ARGUMENTS[block.labels[0]] + _META_ARGUMENTS
        written = [(name, expr.source) for name, expr in block.attributes.items()]
        # a dynamic block makes blocks of the type its label names (Terraform's "dynamic Blocks")
        written += [(nested.labels[0] if nested.type == "dynamic" and nested.labels
                     else nested.type, nested.source) for nested in block.blocks]
        warnings = []
        for name, source in written:
            if name not in known:
                hint = did_you_mean(name, known)
                warnings.append(f"{source}: {'.'.join(block.labels)}: {name} is not an argument of "
                                f"{block.labels[0]} (terraform plan refuses it); ignored{hint}")
        return warnings

    def _method(self, block: Block, path: str, http_method: str) -> Method:
        return self._checked(lambda: Method(
            http_method, path,
            request_parameters=self._flags(block, "request_parameters"),
            request_models=self._strings(block, "request_models"),
            request_validator=self._ref_name(block, "request_validator_id", "request_validator",
                                             "name"),
            api_key_required=self._bool(block, "api_key_required"),
            authorization_type=self._string(block, "authorization") or "NONE",
            authorizer=self._ref_name(block, "authorizer_id", "authorizer", "name"),
            operation_name=self._string(block, "operation_name"),
            source=block.source), block)

    def _method_response(self, block: Block) -> MethodResponse:
        status = self._string(block, "status_code", required=True) or ""
        headers = {name.removeprefix(_RESPONSE_HEADER): required
                   for name, required in self._flags(block, "response_parameters").items()}
        return self._checked(lambda: MethodResponse(
            status, headers, self._strings(block, "response_models")), block)

    def _route(self, block: Block) -> tuple[str, str]:
        """(path, HTTP method) of a method, integration or response resource."""
        resource_expr = block.attributes.get("resource_id")
        if resource_expr is None:
            raise DefinitionError(f"{self._label(block)}: resource_id is required", block.source)
        path = self.paths.path(self._value(block, "resource_id"), resource_expr)
        http_method = self._string(block, "http_method", required=True)
        assert http_method is not None
        if http_method.startswith("${"):
            raise DefinitionError(f"{self._label(block)}: http_method {http_method} cannot be "
                                  "resolved", self._where(block, "http_method"))
        return path, http_method.upper()

    def _method_of(self, block: Block, methods: dict[tuple[str, str], Method]) -> Method:
        key = self._route(block)
        if key not in methods:
            raise DefinitionError(f"{self._label(block)}: no aws_api_gateway_method declares "
                                  f"{key[1]} {key[0]}", block.source)
        return methods[key]

    def _integration(self, block: Block) -> Integration:
        timeout = self._value(block, "timeout_milliseconds")
        return self._checked(lambda: Integration(
            self._string(block, "type", required=True) or "",
            uri=self._string(block, "uri"),
            http_method=self._string(block, "integration_http_method"),
            request_parameters=self._strings(block, "request_parameters"),
            request_templates=self._templates(block, "request_templates"),
            passthrough_behavior=self._string(block, "passthrough_behavior") or "WHEN_NO_MATCH",
            content_handling=self._string(block, "content_handling"),
            timeout_ms=int(timeout) if isinstance(timeout, (int, float)) else 29000,
            response_transfer_mode=self._string(block, "response_transfer_mode") or "BUFFERED",
            connection_type=self._string(block, "connection_type") or "INTERNET",
            connection_id=self._string(block, "connection_id"),
            source=block.source), block)

    def _integration_response(self, block: Block) -> IntegrationResponse:
        pattern = self._string(block, "selection_pattern")
        return self._checked(lambda: IntegrationResponse(
            self._string(block, "status_code", required=True) or "",
            # An empty selection_pattern is the default response, as an absent one is.
            selection_pattern=pattern or None,
            response_parameters=self._strings(block, "response_parameters"),
            response_templates=self._templates(block, "response_templates"),
            content_handling=self._string(block, "content_handling"),
            source=block.source), block)


def _with_parent_lines(data: Any, lines: dict[tuple[Any, ...], int]) -> dict[tuple[Any, ...], int]:
    """``lines`` with each part of ``data`` it lacks (one built by a function, or in another
    file) at the line of the nearest part holding it."""
    filled: dict[tuple[Any, ...], int] = {}

    def walk(item: Any, at: tuple[Any, ...], line: int | None) -> None:
        line = lines.get(at, line)
        if line is not None:
            filled[at] = line
        if isinstance(item, dict):
            for key, inner in item.items():
                walk(inner, (*at, key), line)
        elif isinstance(item, list):
            for index, inner in enumerate(item):
                walk(inner, (*at, index), line)

    walk(data, (), None)
    return filled


def _read_body(body: str, where: Source) -> Api:
    """The Api of a ``body`` OpenAPI document (JSON or YAML text), via the OpenAPI reader.

    A body read with ``file()`` keeps the lines of that file, one written in a heredoc the
    lines of the .tf file, one ``jsonencode({…})`` makes of an object written in a .tf file
    the lines of its keys there; other text (built by functions) has no lines of its own, so
    its templates point at the ``body`` argument. Parsing keeps
    the body's text, not what it was built from: a template holding the placeholder of an
    unknown the body was built with (``jsonencode({… = var.x})``) is marked unresolved.
    """
    from vtl.api.sources.document import parse_document
    from vtl.api.sources.openapi import read_openapi

    file = Path(body.source.file) if isinstance(body, SourcedStr) and body.source.line == 1 \
        else Path(where.file)
    origins = body.origins if isinstance(body, SourcedStr) else None
    try:
        document = parse_document(str(body).encode("utf-8"), file)
    except DefinitionError as error:
        if origins is None or error.source is None or not error.source.line \
                or error.source.line > len(origins):
            raise
        # the rendered text's line n was written at origins[n - 1] (another template file
        # the body's template inserts, or the interpolation inserting it)
        message = str(error).removeprefix(f"{error.source}: ")
        raise DefinitionError(f"{message} (in the text the template renders)",
                              origins[error.source.line - 1]) from None
    inline = file == Path(where.file)
    if isinstance(body, EncodedJson):
        # jsonencode({…}) / yamlencode({…}) written in a file: each part at its key's line there
        document = Document(Path(body.file), document.data,
                            _with_parent_lines(document.data, body.lines))
        inline = False
    elif inline and isinstance(body, SourcedStr) and body.lines_after and body.source.line:
        # a heredoc body: its line n is line `<<EOT` + n of the .tf file
        document.lines = {at: line + body.source.line for at, line in document.lines.items()}
        inline = False
    try:
        # the body of an aws_api_gateway_rest_api is imported into a REST API, which
        # ignores HTTP API extensions (an HTTP API export pasted there is still a REST API)
        api = read_openapi(document.data, None if inline else document, rest_api=True)
    except DefinitionError as error:
        if error.source is not None:
            raise
        raise DefinitionError(f"body: {error}", where) from None  # inline: its argument's line
    if inline:
        for method in api.methods:
            method.source = method.source or where
        # the reader's warnings start with their (here unknown) place: the body's line
        api.warnings = [f"{where}{w}" if w.startswith(": ") else w for w in api.warnings]
    unknowns = unknowns_in(body)

    def placed(template: MappingTemplate) -> MappingTemplate:
        if template.source is None:
            template = replace(template, source=where)
        held = [u for u in unknowns if str(u) in template.text]
        if held and template.unresolved is None:
            placeholder, hint = _unresolved(held, template.text)
            template = replace(template, unresolved=placeholder, unresolved_hint=hint)
        return template

    def moved(source: Source | None) -> Source | None:
        if origins is None or source is None or source.file != str(file) \
                or not source.line or source.line > len(origins):
            return source
        return origins[source.line - 1]

    for method in api.methods:
        method.source = moved(method.source)
        if method.integration is None:
            continue
        for mime, template in method.integration.request_templates.items():
            method.integration.request_templates[mime] = replace(
                template, source=moved(template.source))
        for response in method.integration.responses:
            response.response_templates = {
                mime: replace(t, source=moved(t.source))
                for mime, t in response.response_templates.items()}
        method.integration.request_templates = {
            mime: placed(t) for mime, t in method.integration.request_templates.items()}
        for response in method.integration.responses:
            response.response_templates = {
                mime: placed(t) for mime, t in response.response_templates.items()}
    return api
