# Terraform 0.11-style lists indexed by count (the shape of clouddrove's api-gateway module)
variable "path_parts" { default = ["alpha", "beta"] }
variable "http_methods" { default = ["GET", "POST"] }

resource "aws_api_gateway_rest_api" "api" {
  name = "legacy-splat"
}

resource "aws_api_gateway_resource" "r" {
  count       = length(var.path_parts)
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = element(var.path_parts, count.index)
}

resource "aws_api_gateway_method" "m" {
  count         = length(var.path_parts)
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.r.*.id[count.index]
  http_method   = element(var.http_methods, count.index)
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "i" {
  count       = length(var.path_parts)
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = element(aws_api_gateway_resource.r.*.id, count.index)
  http_method = aws_api_gateway_method.m.*.http_method[count.index]
  type        = "MOCK"
}
