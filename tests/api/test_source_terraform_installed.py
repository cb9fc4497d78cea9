"""Terraform modules from the registry, git or other remote sources, read where
``terraform init`` installed them: ``.terraform/modules/modules.json`` in the root module's
folder maps each module key (the call names from the root, joined with ``.``) to its folder
(Terraform's module installer; the manifest's shape is Terraform's ``modsdir`` manifest)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vtl.api.sources import terraform
from vtl.api.sources.document import DefinitionError

MODULES = Path(__file__).parent / "data" / "terraform" / "api_module_outputs" / "modules"

ROOT = '''module "api" {
  source  = "example-org/rest-api/aws"
  version = "2.1.0"
  name    = "library"
}

resource "aws_api_gateway_resource" "books" {
  rest_api_id = module.api.id
  parent_id   = module.api.root_resource_id
  path_part   = "books"
}

module "list_books" {
  source       = "git::https://example.com/api-modules.git//get?ref=v1.4.0"
  rest_api_id  = module.api.id
  resource_id  = aws_api_gateway_resource.books.id
  validator_id = module.api.params_validator
}
'''


def _initialised(root: Path, manifest: object) -> Path:
    """A root module as ``terraform init`` leaves it: the modules under .terraform/modules."""
    (root / "main.tf").write_text(ROOT, encoding="utf-8")
    installed = root / ".terraform" / "modules"
    shutil.copytree(MODULES / "api", installed / "api")
    shutil.copytree(MODULES / "get", installed / "list_books" / "get")  # the git source's //get
    (installed / "modules.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


MANIFEST = {"Modules": [
    {"Key": "", "Source": "", "Dir": "."},
    {"Key": "api", "Source": "registry.terraform.io/example-org/rest-api/aws", "Version": "2.1.0",
     "Dir": ".terraform/modules/api"},
    {"Key": "list_books", "Source": "git::https://example.com/api-modules.git//get?ref=v1.4.0",
     "Dir": ".terraform/modules/list_books/get"},
]}


def test_registry_and_git_modules_are_read_where_terraform_init_installed_them(tmp_path: Path) -> None:
    api = terraform.read(_initialised(tmp_path, MANIFEST))
    assert api.name == "library"  # the REST API the registry module declares
    assert [str(m) for m in api.methods] == ["GET /books"]  # the git module's method
    assert api.methods[0].request_validator == "params-only"
    assert not [w for w in api.warnings if "is not read" in w]


def test_a_module_terraform_init_has_not_downloaded_is_said_not_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'module "extra" {\n  source = "example-org/extra/aws"\n}\n', encoding="utf-8")
    api = terraform.read(tmp_path)
    said = [w for w in api.warnings if "module extra is not read" in w]
    assert said and "terraform init" in said[0], api.warnings


def test_a_key_missing_from_the_manifest_is_not_read(tmp_path: Path) -> None:
    # only the API module was installed: list_books's method is not there to read
    manifest = {"Modules": MANIFEST["Modules"][:2]}
    api = terraform.read(_initialised(tmp_path, manifest))
    assert api.name == "library"
    assert api.methods == []
    assert [w for w in api.warnings if "module list_books is not read" in w]


@pytest.mark.parametrize("text", ["{not json", '{"Modules": [{"Key": "api"}]}', "[]"])
def test_a_broken_manifest_is_an_error_naming_it(tmp_path: Path, text: str) -> None:
    _initialised(tmp_path, MANIFEST)
    (tmp_path / ".terraform" / "modules" / "modules.json").write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"modules\.json:1: not a module manifest of terraform init"):
        terraform.read(tmp_path)


def test_a_manifest_naming_a_folder_that_is_gone_says_so(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'module "extra" {\n  source = "example-org/extra/aws"\n}\n', encoding="utf-8")
    (tmp_path / ".terraform" / "modules").mkdir(parents=True)
    (tmp_path / ".terraform" / "modules" / "modules.json").write_text(
        json.dumps({"Modules": [{"Key": "extra", "Dir": ".terraform/modules/extra"}]}), encoding="utf-8")
    api = terraform.read(tmp_path)
    said = [w for w in api.warnings if "module extra is not read" in w]
    assert said and "holds no .tf files (run terraform init again)" in said[0], api.warnings
