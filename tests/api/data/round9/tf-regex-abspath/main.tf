locals {
  templates = "${abspath(path.module)}/templates"
  version   = regex("^release-v([0-9]+)$", "release-v2")[0]
  names     = regexall("(?P<verb>[A-Z]+) /(?P<path>[a-z]+)", "GET /items, POST /orders")
}

resource "aws_api_gateway_rest_api" "api" {
  name = "regex-${local.version}"
}

resource "aws_api_gateway_resource" "r" {
  for_each    = { for n in local.names : n.path => n }
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "v${local.version}-${each.key}"
}

resource "aws_api_gateway_method" "m" {
  for_each      = aws_api_gateway_resource.r
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = each.value.id
  http_method   = local.names[index(local.names[*].path, each.key)].verb
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "i" {
  for_each          = aws_api_gateway_method.m
  rest_api_id       = aws_api_gateway_rest_api.api.id
  resource_id       = each.value.resource_id
  http_method       = each.value.http_method
  type              = "MOCK"
  request_templates = { "application/json" = file("${local.templates}/request.vm") }
}
