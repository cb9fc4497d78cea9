"""Content encoding (vtl.api.compression and the pipeline's use of it).

Expected behaviour from the AWS developer guide's "Payload compression for REST APIs" pages
(api-gateway-gzip-compression-decompression, api-gateway-enable-compression,
api-gateway-make-request-with-compressed-payload,
api-gateway-receive-response-with-compressed-payload) and awsdocs PR 32 (the first coding
of Accept-Encoding decides); the bodies are this file's own, compressed with the standard
library, and each expected body is the uncompressed text it started from.
"""

from __future__ import annotations

import gzip
import zlib

import pytest

from vtl.api import Api, HttpResponse, Integration, IntegrationResponse, Method, ModelError
from vtl.api.compression import response_coding

BODY = '{"pets": [{"id": 1, "type": "dog"}, {"id": 2, "type": "cat"}]}'


def http_api(minimum: int | None, **method: object) -> Api:
    integration = Integration("HTTP", uri="https://pets.example.com/pets", http_method="POST",
                              responses=[IntegrationResponse("200")])
    return Api(methods=[Method("POST", "/pets", integration=integration, **method)],  # type: ignore[arg-type]
               minimum_compression_size=minimum)


def post(api: Api, headers: dict[str, str], body: str | bytes | None = BODY, backend: object = None):
    return api.invoke("POST", "/pets", headers={"Content-Type": "application/json", **headers}, body=body,
                      backend=backend if backend is not None else HttpResponse(200, {}, BODY))


# --- requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(("coding", "compress"), [("gzip", gzip.compress), ("deflate", zlib.compress)])
def test_a_compressed_request_body_reaches_the_backend_decompressed(coding, compress) -> None:
    # "API Gateway decompresses the payload, applies the mapping template, and passes the
    # mapped request to the integration endpoint."
    invocation = post(http_api(0), {"Content-Encoding": coding}, compress(BODY.encode()))
    assert invocation.response.status == 200
    assert invocation.integration_request.body == BODY
    assert f"Method request body before transformations: {BODY}" in invocation.log
    # What the client sent is kept as sent.
    assert invocation.method_request.body == compress(BODY.encode())


def test_the_request_template_reads_the_decompressed_body() -> None:
    api = Api(methods=[Method("POST", "/m", integration=Integration(
        "HTTP", uri="https://e.example.com", http_method="POST",
        request_templates={"application/json": "{\"type\": \"$input.path('$.pets[1].type')\"}"},
        responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("POST", "/m", headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
                            body=gzip.compress(BODY.encode()), backend=HttpResponse(200, {}, "ok"))
    assert invocation.integration_request.body == '{"type": "cat"}'


def test_requests_are_decompressed_with_compression_off_too() -> None:
    # "By default, API Gateway supports decompression of the method request payload."
    invocation = post(http_api(None), {"Content-Encoding": "gzip"}, gzip.compress(BODY.encode()))
    assert invocation.integration_request.body == BODY


def test_identity_changes_nothing() -> None:
    assert post(http_api(0), {"Content-Encoding": "identity"}).integration_request.body == BODY


@pytest.mark.parametrize(("coding", "body"), [("br", b"\x0b\x02\x80{}\x03"), ("gzip", BODY.encode()),
                                              ("deflate", gzip.compress(BODY.encode()))])
def test_an_unknown_coding_or_a_body_not_in_it_is_415(coding: str, body: bytes) -> None:
    # "If the specified coding isn't supported or the supplied payload isn't compressed with
    # specified coding, API Gateway returns the 415 Unsupported Media Type error response."
    invocation = post(http_api(0), {"Content-Encoding": coding}, body)
    assert (invocation.response.status, invocation.error) == (415, "UNSUPPORTED_MEDIA_TYPE")
    assert invocation.integration_request is None


def test_a_body_under_the_minimum_size_is_not_decompressed() -> None:
    # [INFERRED reading of] api-gateway-enable-compression: "If the payload size is smaller
    # than this value, compression or decompression are not applied on the payload."
    compressed = gzip.compress(BODY.encode())
    invocation = post(http_api(len(compressed) + 1), {"Content-Encoding": "gzip"}, compressed)
    assert invocation.integration_request.body == compressed


# --- responses ----------------------------------------------------------------------------


def test_a_response_is_compressed_as_accept_encoding_asks() -> None:
    invocation = post(http_api(0), {"Accept-Encoding": "gzip"})
    assert invocation.response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(invocation.response.body).decode() == BODY
    # --json gives a compressed (binary) body in base64.
    import base64

    assert gzip.decompress(base64.b64decode(invocation.to_json()["response"]["body"])).decode() == BODY


def test_deflate_is_the_zlib_format() -> None:
    invocation = post(http_api(0), {"Accept-Encoding": "deflate"})
    assert invocation.response.headers["Content-Encoding"] == "deflate"
    assert zlib.decompress(invocation.response.body).decode() == BODY


def test_the_size_is_the_body_after_the_template_and_the_minimum_is_inclusive() -> None:
    size = len(BODY.encode())
    # "greater than or equal to the specified minimumCompressionSize value"
    assert post(http_api(size), {"Accept-Encoding": "gzip"}).response.headers.get("Content-Encoding") == "gzip"
    smaller = post(http_api(size + 1), {"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in smaller.response.headers
    assert smaller.response.body == BODY


def test_nothing_is_compressed_when_the_api_does_not_enable_it() -> None:
    invocation = post(http_api(None), {"Accept-Encoding": "gzip"})
    assert (invocation.response.body, "Content-Encoding" in invocation.response.headers) == (BODY, False)


def test_a_backend_content_encoding_means_already_compressed() -> None:
    # "If the integration response contains a Content-Encoding header, API Gateway assumes
    # that the integration response payload is already compressed and skips the compression."
    already = gzip.compress(BODY.encode())
    invocation = post(http_api(0), {"Accept-Encoding": "gzip"},
                      backend=HttpResponse(200, {"Content-Encoding": "gzip"}, already))
    assert invocation.response.body == already


def test_gateway_responses_are_not_compressed() -> None:
    invocation = post(http_api(0), {"Accept-Encoding": "gzip", "Content-Encoding": "br"}, b"x")
    assert invocation.response.body == '{"message":"Unsupported Media Type"}'


@pytest.mark.parametrize(("header", "coding"), [
    # The forms api-gateway-enable-compression lists.
    ("deflate,gzip", "deflate"),          # equal priority: the first (awsdocs PR 32)
    ("", None),
    ("*", None),
    ("deflate;q=0.5,gzip;q=1.0", "gzip"),
    ("gzip;q=1.0,identity;q=0.5,*;q=0", "gzip"),
    # What browsers send "can trigger the payload compression" (…-receive-response-…).
    ("gzip, deflate, br", "gzip"),
    # "it will not compress if it comes across an unsupported encodings such `br`" (PR 32).
    ("br, gzip", None),
    (None, None),                         # no header means *: not compressed
])
def test_the_coding_chosen(header: str | None, coding: str | None) -> None:
    assert response_coding(header) == coding


@pytest.mark.parametrize("size", [-1, 10485761, "0", True])
def test_a_minimum_compression_size_out_of_range_is_a_model_error(size) -> None:
    with pytest.raises(ModelError, match="minimumCompressionSize .* is not an integer from 0 to 10485760"):
        Api(minimum_compression_size=size)


def test_a_lambda_proxy_gets_the_body_decompressed_and_its_result_is_compressed() -> None:
    uri = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
           "arn:aws:lambda:us-east-1:123456789012:function:pets/invocations")
    api = Api(methods=[Method("POST", "/pets", integration=Integration("AWS_PROXY", uri=uri))],
              minimum_compression_size=0)
    seen = {}

    def handler(event, context):
        seen["body"] = event["body"]
        return {"statusCode": 200, "body": BODY}

    invocation = api.invoke("POST", "/pets", headers={"Content-Encoding": "gzip", "Accept-Encoding": "gzip"},
                            body=gzip.compress(BODY.encode()), backend=handler)
    assert seen["body"] == BODY
    assert gzip.decompress(invocation.response.body).decode() == BODY


def test_an_empty_body_has_nothing_to_decompress() -> None:
    assert post(http_api(0), {"Content-Encoding": "deflate"}, "").response.status == 200
