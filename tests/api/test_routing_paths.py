"""Resource paths read as routing reads them (vtl.api.routing): the path parameter names
and a request path that reaches a resource (what `vtl render --api` sends without --event)."""

from __future__ import annotations

from vtl.api import Api, Integration, IntegrationResponse, Method
from vtl.api.routing import match_route, path_for, path_parameter_names


def test_path_parameter_names_in_order_greedy_included() -> None:
    assert path_parameter_names("/users/{id}/files/{rest+}") == ["id", "rest"]
    assert path_parameter_names("/") == []


def test_path_for_reaches_the_resource_with_its_values() -> None:
    resource = "/users/{id}/files/{rest+}"
    api = Api(methods=[Method("GET", resource, integration=Integration(
        "MOCK", responses=[IntegrationResponse("200")]))])
    path = path_for(resource, {"id": "7", "rest": "a/b"})
    assert path == "/users/7/files/a/b"
    route = match_route(api, "GET", path)
    assert route is not None and route.path_parameters == {"id": "7", "rest": "a/b"}
    assert path_for(resource, {"id": "7"}) == "/users/7/files/"  # a value not given stays empty
    assert path_for("/", {}) == "/"
