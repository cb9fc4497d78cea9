"""Findings of the ninth round of real-world definition files (/work/realworld10), each
with a small fixture of its own under ``data/round9``; expected values come from the AWS
references cited in each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError

DATA = Path(__file__).parent / "data" / "round9"


def test_a_rest_api_put_replaces_the_definition_of_its_rest_api() -> None:
    # AWS provider, aws_api_gateway_rest_api_put (internal/service/apigateway/rest_api_put.go):
    # its body goes to PutRestApi with Mode overwrite, "The new API definition replaces the
    # existing one" (CDK RestApiMode.OVERWRITE). We ignored the resource ("is not read") and
    # ran the REST API's first definition.
    api = load_api(DATA / "tf-rest-api-put")
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/items")]
    (method,) = api.methods
    assert method.integration.type == "HTTP"
    assert method.integration.uri == "https://backend.example.com/items"
    assert not any("rest_api_put" in warning for warning in api.warnings)


def test_a_cors_module_of_the_terraform_0_12_era_is_evaluated() -> None:
    # squidfunk/terraform-aws-api-gateway-enable-cors picks its headers with map(),
    # compact(), matchkeys(), formatlist(), a regex replace() and zipmap(); its variables have
    # quoted types (type = "string"). Expected values follow Terraform's function pages:
    # keys()/values() in lexical key order; matchkeys keeps the items whose key is in the
    # search set; formatlist formats once per list item; replace("/re/") is Go's
    # ReplaceAllString, whose "$1" is the first group. We refused the module call's string
    # input ("${https://example.com} is not a valid Terraform expression") and did not
    # evaluate matchkeys, formatlist, map nor a regex replace.
    api = load_api(DATA / "tf-legacy-cors-module")
    (method,) = api.methods
    assert (method.http_method, method.path) == ("OPTIONS", "/items")
    (response,) = method.integration.responses
    assert response.response_parameters == {
        "method.response.header.Access-Control-Allow-Methods": "'OPTIONS,GET'",
        "method.response.header.Access-Control-Allow-Origin": "'https://example.com'",
    }
    assert method.method_responses["200"].headers == {
        "Access-Control-Allow-Methods": True, "Access-Control-Allow-Origin": True}
    # Terraform 0.15 removed map(): said, not refused
    assert any("main.tf:4: map() was removed in Terraform 0.15" in w for w in api.warnings)


def test_a_map_built_from_an_unevaluated_function_names_that_function() -> None:
    # The error names what the map needs (md5(), not evaluated here: the fixture used
    # chunklist() until round 12 evaluated it), not only the zipmap() call around it, so
    # the user knows which value to write in.
    with pytest.raises(DefinitionError) as raised:
        load_api(DATA / "tf-map-of-unevaluated")
    message = str(raised.value)
    assert "main.tf:28" in message
    assert "function md5()" in message


def test_optional_object_attributes_take_their_defaults() -> None:
    # Terraform's type constraints page, "Optional Object Type Attributes": an attribute
    # declared optional(type, default) that the given object lacks is the default, null
    # without one, at any depth. KaribuLab's lambda resource module is called with
    # integration_responses = {"400" = {}}; we failed with "'response_parameters' is not in
    # an object".
    api = load_api(DATA / "tf-optional-attributes")
    (method,) = api.methods
    by_status = {r.status_code: r for r in method.integration.responses}
    assert by_status["200"].selection_pattern in (None, "")
    assert by_status["200"].response_templates["application/json"].text == '{"default": true}'
    assert by_status["200"].response_parameters == {
        "method.response.header.Access-Control-Allow-Origin": "'*'"}
    assert by_status["400"].selection_pattern == "4\\d{2}"
    assert by_status["400"].response_parameters == {
        "method.response.header.Access-Control-Allow-Origin": "'https://example.com'"}


def test_two_module_calls_creating_one_path_are_refused() -> None:
    # API Gateway's CreateResource refuses a second resource with the same parent and path
    # part (ConflictException: "Another resource with the same parent already has this
    # name"). KaribuLab's lambda-resource fixture calls its module twice with path_part
    # "users"; we merged both methods into one /users resource silently.
    with pytest.raises(DefinitionError) as raised:
        load_api(DATA / "tf-same-path-twice")
    message = str(raised.value)
    assert "endpoint/main.tf:7" in message
    assert "second resource at /users" in message
    assert "module call at" in message and "main.tf:13" in message and "main.tf:5" in message


def test_an_unused_second_resource_at_one_path_is_refused() -> None:
    # The same refusal (CreateResource, ConflictException) for a resource no method uses.
    with pytest.raises(DefinitionError) as raised:
        load_api(DATA / "tf-unused-resource-same-path")
    message = str(raised.value)
    assert "main.tf:12" in message
    assert "aws_api_gateway_resource.orders_v2 is a second resource at /orders" in message


def test_two_cloudformation_resources_at_one_path_are_refused() -> None:
    # CreateResource's ConflictException ("Another resource with the same parent already has
    # this name") fails the stack; we merged both into one /music.
    with pytest.raises(DefinitionError) as raised:
        load_api(DATA / "cfn-same-path-twice.yaml")
    message = str(raised.value)
    assert "cfn-same-path-twice.yaml:13" in message
    assert "MusicResourceForPost is a second resource at /music" in message


def test_a_body_written_as_jsonencode_of_yamldecode_of_a_template_is_read() -> None:
    # jsonencode(yamldecode(templatefile("openapi.yaml", …))) is a common way to write the
    # body (WatchL, htc-grid…); we left yamldecode() unevaluated and failed with "the
    # OpenAPI document must be a mapping, not a string". Terraform's yamldecode page: YAML
    # 1.2 (a plain `yes` is a string), anchors and merge keys followed.
    api = load_api(DATA / "tf-yamldecode-body")
    (method,) = api.methods
    assert (method.http_method, method.path) == ("GET", "/greeting")
    assert method.integration.type == "MOCK"
    (response,) = method.integration.responses
    templates = {k: t.text for k, t in response.response_templates.items()}
    assert templates == {"application/json": "hello", "text/plain": "yes"}


@pytest.mark.parametrize(("text", "expected"), [
    # YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3): only true/false are booleans,
    # 0o17 is octal, 012 is decimal 12, ~ and empty are null
    ("a: yes\nb: on\nc: True", {"a": "yes", "b": "on", "c": True}),
    ("a: 0o17\nb: 012\nc: 0x1f\nd: 1.5\ne: 2.0", {"a": 15, "b": 12, "c": 31, "d": 1.5, "e": 2}),
    ("a: ~\nb:\nc: 'null'", {"a": None, "b": None, "c": "null"}),
    # Terraform's yamldecode page: a timestamp becomes a string in RFC 3339 format
    ("v: 2020-07-16T23:05:50Z", {"v": "2020-07-16T23:05:50Z"}),
    ("v: 2002-12-14", {"v": "2002-12-14T00:00:00Z"}),
    # map keys are strings; merge keys give what the mapping does not
    ("200: x\nbase: &b {k: 1, m: 2}\nd: {<<: *b, m: 3}",
     {"200": "x", "base": {"k": 1, "m": 2}, "d": {"k": 1, "m": 3}}),
])
def test_terraform_yamldecode_values(text: str, expected: object) -> None:
    from vtl.api.sources import tf_yaml

    assert tf_yaml.decode(text) == expected


def test_terraform_yamldecode_refuses_a_second_document() -> None:
    # Terraform's yamldecode page: "Only one YAML document is permitted".
    from vtl.api.sources import tf_yaml

    with pytest.raises(ValueError, match="line 3"):
        tf_yaml.decode("a: 1\n---\nb: 2\n")


def test_template_file_fragments_keep_their_files_and_lines() -> None:
    # hrosa/tf-examples renders one OpenAPI path fragment per file with a template_file data
    # source (for_each over transpose(fileset(…))) and joins them into the body's template.
    # We left the repeated data source unevaluated (the body failed to parse), and a body
    # whose interpolations insert lines was located by the lines of the rendered text in
    # the body template. The expected lines are those of the fragment files.
    api = load_api(DATA / "tf-template-fragments")
    by_path = {m.path: m for m in api.methods}
    assert sorted(by_path) == ["/shop/items", "/shop/orders"]
    orders = by_path["/shop/orders"]
    assert orders.source is not None and orders.source.file.endswith("paths/orders.json")
    assert orders.source.line == 2
    (response,) = orders.integration.responses
    template = response.response_templates["application/json"]
    assert template.text == '{"kind": "orders"}'
    assert template.source.file.endswith("paths/orders.json") and template.source.line == 9


def test_a_json_error_in_a_fragment_names_the_fragment_line() -> None:
    with pytest.raises(DefinitionError) as raised:
        load_api(DATA / "tf-template-fragment-error")
    assert "paths/orders.json:8: not valid JSON" in str(raised.value)


def test_a_function_call_with_expanded_arguments_is_evaluated() -> None:
    # HCL's function calls: f(a, list...) passes the list's items as the last arguments;
    # merge([for …]...) flattens a map of maps. We left it unevaluated, and for_each over it
    # failed ("must be a map or a set of strings known before apply").
    api = load_api(DATA / "tf-merge-expanded")
    assert sorted((m.http_method, m.path) for m in api.methods) == [
        ("DELETE", "/items/{id}"), ("GET", "/items"), ("GET", "/items/{id}"), ("POST", "/items")]
    assert {m.integration.uri for m in api.methods} == {"https://${stageVariables.backend}/items"}


def test_the_attribute_only_splat_applies_a_later_index_to_its_list() -> None:
    # HCL's splat operators: the attribute-only splat (.*) applies only the attribute steps
    # to each item; an index after them indexes the resulting list, so
    # aws_api_gateway_resource.r.*.id[count.index] is one id. We indexed each id.
    api = load_api(DATA / "tf-legacy-splat")
    assert sorted((m.http_method, m.path) for m in api.methods) == [
        ("GET", "/alpha"), ("POST", "/beta")]


def test_a_pseudo_parameter_left_in_an_integration_uri_is_said() -> None:
    # CloudFormation substitutes ${AWS::Region} only inside Fn::Sub (its Fn::Sub reference);
    # in an OpenAPI file read alone the text stays, and the method ran without a word.
    api = load_api(DATA / "oas-pseudo-parameter-uri.yaml")
    (warning,) = [w for w in api.warnings if "Fn::Sub" in w]
    assert "oas-pseudo-parameter-uri.yaml:10" in warning  # the integration object
    assert "${AWS::Partition}" in warning


def test_fn_for_each_loops_are_expanded_with_their_lines() -> None:
    # The Fn::ForEach reference (AWS::LanguageExtensions): [Identifier, Collection,
    # {OutputKey: OutputValue}], the collection a list or a Ref to a CommaDelimitedList;
    # ${Identifier}, &{Identifier} (non-alphanumerics dropped) and Ref Identifier replaced;
    # loops nest. We refused the template ("is not expanded by vtl").
    api = load_api(DATA / "cfn-foreach-methods.yaml")
    assert sorted((m.http_method, m.path) for m in api.methods) == [
        ("DELETE", "/order-items"), ("DELETE", "/orders"), ("GET", "/order-items"),
        ("GET", "/orders")]
    method = next(m for m in api.methods if (m.http_method, m.path) == ("DELETE", "/order-items"))
    (response,) = method.integration.responses
    template = response.response_templates["application/json"]
    assert template.text == '{"resource": "order-items", "verb": "DELETE"}'
    assert template.source.line == 38  # the fragment's line, not the loop's
    assert method.integration.request_templates["application/json"].source.line == 34


def test_a_for_each_collection_from_a_parameter_takes_the_given_value() -> None:
    api = load_api(DATA / "cfn-foreach-methods.yaml", {"Resources": "carts"})
    assert sorted((m.http_method, m.path) for m in api.methods) == [
        ("DELETE", "/carts"), ("GET", "/carts")]


def test_regex_regexall_and_abspath_are_evaluated() -> None:
    # Terraform's regex page: the first match, its groups as a list (unnamed) or an object
    # (named); regexall: every match so; abspath: the path made absolute. All three were left
    # unevaluated, and the template file, the path parts and the verbs with them.
    api = load_api(DATA / "tf-regex-abspath")
    assert api.name == "regex-2"
    assert sorted((m.http_method, m.path) for m in api.methods) == [
        ("GET", "/v2-items"), ("POST", "/v2-orders")]
    template = api.methods[0].integration.request_templates["application/json"]
    assert template.text.strip() == '{"statusCode": 200}'


def test_a_resource_named_by_its_path_attribute_is_not_a_second_resource() -> None:
    # aws_api_gateway_resource.items.path (the AWS provider's `path` attribute) and .id name
    # one resource: the check of two resources at one path must not count it twice.
    api = load_api(DATA / "tf-resource-path-attribute")
    (method,) = api.methods
    template = method.integration.request_templates["application/json"]
    assert template.text == '{"statusCode": 200, "path": "/items"}'


def test_a_module_call_string_input_to_a_number_or_bool_variable_is_converted() -> None:
    # Terraform converts an input to its variable's type ("Type Constraints", conversion
    # of primitive types): "true" is true, "14000" is 14000. We kept the strings (the
    # `? :` on "true" and the `+` on "14000" then failed) after reading module inputs as
    # values.
    api = load_api(DATA / "tf-module-string-inputs")
    (method,) = api.methods
    assert method.integration.timeout_ms == 15000
