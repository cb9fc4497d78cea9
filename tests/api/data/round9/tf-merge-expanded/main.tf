# One method per path and verb, flattened with merge([for …]...), the common idiom.
locals {
  routes = {
    "items"      = ["GET", "POST"]
    "items/{id}" = ["GET", "DELETE"]
  }
  methods = merge([
    for path, verbs in local.routes : { for verb in verbs : "${verb} ${path}" => { path = path, verb = verb } }
  ]...)
}

resource "aws_api_gateway_rest_api" "api" {
  name = "expanded"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_resource" "item" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.items.id
  path_part   = "{id}"
}

resource "aws_api_gateway_method" "m" {
  for_each      = local.methods
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = each.value.path == "items" ? aws_api_gateway_resource.items.id : aws_api_gateway_resource.item.id
  http_method   = each.value.verb
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "i" {
  for_each                = aws_api_gateway_method.m
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = each.value.resource_id
  http_method             = each.value.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = each.value.http_method
  uri                     = "https://$${stageVariables.backend}/items"
}
