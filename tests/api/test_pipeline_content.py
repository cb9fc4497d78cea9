"""Content type conversions (spec pipeline §10): which payloads are binary, and what
``contentHandling`` and the client's ``Accept`` make of them.

Expected values are from AWS's recordings of an S3 integration (AWS-REC
LS:test_apigateway_s3::TestApiGatewayS3BinarySupport, 2025-02-01, snapshot
``test_apigateway_s3.snapshot.json``): three objects, ``raw`` (gzip bytes, not UTF-8),
``encoded`` (their base64) and ``text``, sent and fetched with and without
``binaryMediaTypes: [image/png]``; and from the AWS-DOC tables of
api-gateway-payload-encodings-workflow, which the recordings agree with. A payload is
binary when its ``Content-Type`` (the request's; the integration response's) is one of
the API's binary media types, whatever its bytes; a text payload that is not UTF-8 reaches
the other side with U+FFFD in place of its bad bytes (``get-obj-text-type-binary-raw``).
"""

from __future__ import annotations

import base64
import gzip

import pytest

from vtl.api import Api, HttpResponse, Integration, IntegrationResponse, Method

S3 = "arn:aws:apigateway:us-east-1:s3:path/bucket/object"
#: The recording's objects.
RAW = gzip.compress(b"compressed data, should be invalid UTF-8 string", mtime=1676569620)
ENCODED = base64.b64encode(RAW).decode("ascii")
TEXT = "this is a UTF8 text typed object"
MANGLED = RAW.decode("utf-8", "replace")  # what AWS stored for RAW sent as text


def s3_put(content_handling: str | None, binary: bool) -> Api:
    return Api(binary_media_types=["image/png"] if binary else [], methods=[Method(
        "PUT", "/object", integration=Integration(
            "AWS", uri=S3, http_method="PUT", content_handling=content_handling,
            responses=[IntegrationResponse("200")]))])


def s3_get(content_handling: str | None, binary: bool, template: str | None = None) -> Api:
    templates = {} if template is None else {"application/json": template}
    return Api(binary_media_types=["image/png"] if binary else [], methods=[Method(
        "GET", "/object", integration=Integration(
            "AWS", uri=S3, http_method="GET",
            responses=[IntegrationResponse("200", content_handling=content_handling,
                                           response_templates=templates)]))])


def put(api: Api, body: str | bytes, content_type: str):
    return api.invoke("PUT", "/object", headers={"Content-Type": content_type}, body=body,
                      backend=HttpResponse(200))


def wire(body: str | bytes) -> bytes:
    """What the client receives: the body's bytes (a str is sent as UTF-8)."""
    return body if isinstance(body, bytes) else body.encode("utf-8")


def get(api: Api, body: str | bytes, object_type: str, accept: str):
    return api.invoke("GET", "/object", headers={"Accept": accept},
                      backend=HttpResponse(200, {"Content-Type": object_type}, body))


# --- the request -----------------------------------------------------------------------


@pytest.mark.parametrize(("binary", "content_type", "stored"), [
    (False, "image/png", MANGLED),      # get-obj-no-binary-media-binary-raw
    (True, "text/plain", MANGLED),      # get-obj-text-type-binary-raw
    (True, "image/png", RAW),           # get-obj-binary-type-binary-raw
], ids=["no-binary-types", "text-type", "binary-type"])
def test_a_request_body_is_binary_only_for_a_binary_media_type(binary, content_type, stored) -> None:
    # test_apigw_s3_binary_support_request[None]: bytes sent as a text type are UTF-8 text.
    invocation = put(s3_put(None, binary), RAW, content_type)
    assert invocation.response.status == 200
    assert invocation.integration_request.body == stored


@pytest.mark.parametrize(("binary", "body", "content_type", "status"), [
    (False, RAW, "image/png", 500),     # no binaryMediaTypes: RAW is text, not base64
    (False, ENCODED, "image/png", 200),
    (True, RAW, "text/plain", 500),
    (True, RAW, "image/png", 200),      # binary stays binary
], ids=["raw-no-binary-types", "encoded-no-binary-types", "raw-text-type", "raw-binary-type"])
def test_convert_to_binary_decodes_only_a_text_request(binary, body, content_type, status) -> None:
    # test_apigw_s3_binary_support_request_convert_to_binary (expected codes).
    invocation = put(s3_put("CONVERT_TO_BINARY", binary), body, content_type)
    assert invocation.response.status == status
    if status == 200:
        assert invocation.integration_request.body == RAW


def test_convert_to_text_encodes_only_a_binary_request() -> None:
    # test_apigw_s3_binary_support_request[CONVERT_TO_TEXT]: get-obj-no-binary-media-binary-raw
    # (mangled text) and get-obj-binary-type-text (base64 of the text).
    assert put(s3_put("CONVERT_TO_TEXT", False), RAW, "image/png").integration_request.body == MANGLED
    encoded = put(s3_put("CONVERT_TO_TEXT", True), TEXT, "image/png").integration_request.body
    assert encoded == base64.b64encode(TEXT.encode()).decode()


def test_a_proxy_event_gets_bytes_of_a_text_type_as_text() -> None:
    # [INFERRED] the same rule for the proxy event: isBase64Encoded only for a binary type.
    api = Api(methods=[Method("ANY", "/p", integration=Integration(
        "AWS_PROXY", uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                         "arn:aws:lambda:us-east-1:1:function:f/invocations"))])
    seen: dict = {}
    api.invoke("POST", "/p", headers={"Content-Type": "image/png"}, body=RAW,
               backend=lambda event, context: seen.update(event) or {"statusCode": 200})
    assert (seen["body"], seen["isBase64Encoded"]) == (MANGLED, False)


# --- the response ----------------------------------------------------------------------

OCTET = "binary/octet-stream"  # the recording's text payload type (not in binaryMediaTypes)


@pytest.mark.parametrize(("body", "object_type", "accept", "client"), [
    (ENCODED, OCTET, "image/png", RAW),                   # encoded-payload-text-accept-binary
    (ENCODED, "image/png", "image/png", ENCODED.encode()),  # encoded-payload-binary-accept-binary
    (RAW, "image/png", "image/png", RAW),                 # raw-payload-binary-accept-binary
    (ENCODED, OCTET, "text/plain", ENCODED),              # encoded-payload-text-accept-text
    (RAW, OCTET, "text/plain", MANGLED),                  # raw-payload-text-accept-text
    (ENCODED, "image/png", "text/plain", base64.b64encode(ENCODED.encode()).decode()),
    (RAW, "image/png", "text/plain", ENCODED),            # raw-payload-binary-accept-text
], ids=["encoded-text-accept-binary", "encoded-binary-accept-binary", "raw-binary-accept-binary", "encoded-text-accept-text", "raw-text-accept-text", "encoded-binary-accept-text", "raw-binary-accept-text"])
def test_response_without_content_handling(body, object_type, accept, client) -> None:
    # test_apigw_s3_binary_support_response_no_content_handling, binaryMediaTypes set.
    invocation = get(s3_get(None, True), body, object_type, accept)
    assert (invocation.response.status, wire(invocation.response.body)) == (200, wire(client))


@pytest.mark.parametrize("body", [RAW, TEXT], ids=["raw", "text"])
def test_a_text_response_for_a_binary_accept_must_be_base64(body) -> None:
    # "those 2 fails because we are in the text payload/binary accept -> Base64-decoded blob"
    invocation = get(s3_get(None, True), body, OCTET, "image/png")
    assert invocation.response.status == 500
    assert invocation.error == "API_CONFIGURATION_ERROR"


@pytest.mark.parametrize(("binary", "body", "object_type", "accept", "client"), [
    (False, RAW, OCTET, "image/png", MANGLED),             # raw-no-media: text, not base64
    (True, RAW, "image/png", "image/png", ENCODED),        # raw-payload-binary-accept-binary
    (True, TEXT, OCTET, "image/png", TEXT),                # text-payload-text-accept-binary
], ids=["raw-no-binary-types", "raw-binary-accept-binary", "text-text-accept-binary"])
def test_response_convert_to_text(binary, body, object_type, accept, client) -> None:
    # test_apigw_s3_binary_support_response_convert_to_text.
    invocation = get(s3_get("CONVERT_TO_TEXT", binary), body, object_type, accept)
    assert wire(invocation.response.body) == wire(client)


@pytest.mark.parametrize(("body", "object_type", "accept", "client"), [
    (ENCODED, OCTET, "text/plain", RAW),                  # encoded-payload-text-accept-text
    (RAW, "image/png", "text/plain", RAW),                # raw-payload-binary-accept-text
    (TEXT, "image/png", "text/plain", TEXT.encode()),     # text-payload-binary-accept-text
], ids=["encoded-text-accept-text", "raw-binary-accept-text", "text-binary-accept-text"])
def test_response_convert_to_binary(body, object_type, accept, client) -> None:
    # test_apigw_s3_binary_support_response_convert_to_binary, binaryMediaTypes set.
    invocation = get(s3_get("CONVERT_TO_BINARY", True), body, object_type, accept)
    assert wire(invocation.response.body) == wire(client)


def test_a_template_reads_a_binary_response_as_base64() -> None:
    # AWS-DOC api-gateway-payload-encodings-workflow: converting binary to text, "you can
    # only access the Base64-encoded string in the mapping template through $input.body".
    api = s3_get("CONVERT_TO_TEXT", True, '{"data": "$input.body"}')
    invocation = get(api, b"\x00\xff", "image/png", "application/json")
    assert invocation.response.body == '{"data": "AP8="}'


def test_a_lambda_json_under_a_catch_all_binary_type_stays_text() -> None:
    # binaryMediaTypes */*: the Lambda's application/json payload is binary and so is the
    # default Accept, so it passes as it came (AWS-DOC table: binary / binary / unset).
    api = Api(binary_media_types=["*/*"], methods=[Method("GET", "/f", integration=Integration(
        "AWS", uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                   "arn:aws:lambda:us-east-1:1:function:f/invocations",
        request_templates={"application/json": "{}"}, responses=[IntegrationResponse("200")]))])
    from vtl.api import LambdaResult

    invocation = api.invoke("GET", "/f", backend=LambdaResult({"a": 1}))
    assert invocation.response.body == '{"a": 1}'


def test_the_log_does_not_print_a_binary_request_body() -> None:
    # [INFERRED] as "Endpoint request body after transformations: [Binary Data]".
    log = put(s3_put(None, True), RAW, "image/png").log
    assert "Method request body before transformations: [Binary Data]" in log
    assert f"Method request body before transformations: {MANGLED}" in put(s3_put(None, True), RAW, "text/plain").log
