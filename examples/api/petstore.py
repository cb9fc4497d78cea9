"""The PetStore example of the README, built in code (the same API as petstore-oas30.yaml).

    GET     /pets/{petId}?currency=EUR   Lambda (non-proxy): a pet; [NotFound] → 404, [BadRequest] → 400
    POST    /pets                        Lambda (non-proxy): body validated against NewPet; only JSON
    OPTIONS /pets/{petId}                MOCK: the CORS preflight of the console's "Enable CORS"

Run ``python examples/api/petstore.py`` to invoke each method once.
"""

from __future__ import annotations

from vtl.api import (
    Api,
    Integration,
    IntegrationResponse,
    Method,
    MethodResponse,
    Model,
    RequestValidator,
)

FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:pets"
LAMBDA_URI = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FUNCTION}/invocations"

GET_PET_REQUEST = """{"action": "get", "petId": "$input.params('petId')", "currency": "$input.params('currency')"}"""
GET_PET_RESPONSE = """#set($pet = $input.path('$'))
{
  "id": "$pet.id",
  "type": "$pet.type",
  "price": $pet.price,
  "currency": "$input.params('currency')"
}"""
# .replaceAll: escapeJavaScript writes \' for an apostrophe, which JSON does not allow.
ERROR_RESPONSE = """{"message": "$util.escapeJavaScript($input.path('$.errorMessage')).replaceAll("\\\\'","'")"}"""
CREATE_PET_REQUEST = """#set($pet = $input.path('$'))
{
  "action": "create",
  "type": "$pet.type",
  "price": $pet.price,
  "name": "$util.escapeJavaScript($pet.name)",
  "initial": "$pet.name.substring(0, 1)"
}"""
CREATE_PET_RESPONSE = """{"id": $input.json('$.id'), "created": true}"""
NEW_PET = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "NewPet",
    "type": "object",
    "required": ["type", "price"],
    "properties": {
        "type": {"type": "string", "enum": ["dog", "cat", "fish"]},
        "price": {"type": "number", "minimum": 0},
        "name": {"type": "string"},
    },
}
CORS_HEADERS = {
    "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key'",
    "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
    "method.response.header.Access-Control-Allow-Origin": "'*'",
}


def build_api() -> Api:
    """The PetStore API."""
    get_pet = Method(
        "GET", "/pets/{petId}",
        request_parameters={"method.request.path.petId": True, "method.request.querystring.currency": True},
        request_validator="params-only",
        integration=Integration(
            "AWS", uri=LAMBDA_URI, http_method="POST",
            request_templates={"application/json": GET_PET_REQUEST},
            passthrough_behavior="WHEN_NO_TEMPLATES",
            responses=[
                IntegrationResponse("404", r".*\[NotFound\].*", response_templates={"application/json": ERROR_RESPONSE}),
                IntegrationResponse("400", r".*\[BadRequest\].*", response_templates={"application/json": ERROR_RESPONSE}),
                IntegrationResponse(
                    "200",
                    response_parameters={
                        "method.response.header.X-Pet-Type": "integration.response.body.type",
                        "method.response.header.Access-Control-Allow-Origin": "'*'",
                    },
                    response_templates={"application/json": GET_PET_RESPONSE},
                ),
            ],
        ),
        method_responses={
            "200": MethodResponse("200", {"X-Pet-Type": False, "Access-Control-Allow-Origin": False}),
            "400": MethodResponse("400"),
            "404": MethodResponse("404"),
        },
    )
    create_pet = Method(
        "POST", "/pets",
        request_models={"application/json": "NewPet"},
        request_validator="body-only",
        integration=Integration(
            "AWS", uri=LAMBDA_URI, http_method="POST",
            request_templates={"application/json": CREATE_PET_REQUEST},
            passthrough_behavior="NEVER",
            responses=[
                IntegrationResponse("400", r".*\[BadRequest\].*", response_templates={"application/json": ERROR_RESPONSE}),
                IntegrationResponse("201", response_templates={"application/json": CREATE_PET_RESPONSE}),
            ],
        ),
        method_responses={"201": MethodResponse("201"), "400": MethodResponse("400")},
    )
    preflight = Method(
        "OPTIONS", "/pets/{petId}",
        integration=Integration(
            "MOCK",
            request_templates={"application/json": '{"statusCode": 200}'},
            passthrough_behavior="WHEN_NO_MATCH",
            responses=[IntegrationResponse("200", response_parameters=CORS_HEADERS,
                                           response_templates={"application/json": "{}"})],
        ),
        method_responses={"200": MethodResponse("200", {
            "Access-Control-Allow-Headers": False,
            "Access-Control-Allow-Methods": False,
            "Access-Control-Allow-Origin": False,
        })},
    )
    return Api(
        name="PetStore",
        methods=[get_pet, create_pet, preflight],
        models={"NewPet": Model("NewPet", NEW_PET)},
        request_validators={
            "params-only": RequestValidator("params-only", validate_request_parameters=True),
            "body-only": RequestValidator("body-only", validate_request_body=True),
        },
        stages={"prod": {}},
    )


if __name__ == "__main__":
    from vtl.api import LambdaError

    api = build_api()
    for invocation in (
        api.invoke("GET", "/pets/7?currency=EUR", backend={"id": 7, "type": "dog", "price": 249.99}),
        api.invoke("GET", "/pets/99?currency=EUR", backend=LambdaError("[NotFound] no pet 99", "NotFound")),
        api.invoke("OPTIONS", "/pets/7"),
    ):
        print(invocation.response.status, invocation.response.headers, invocation.response.body)
