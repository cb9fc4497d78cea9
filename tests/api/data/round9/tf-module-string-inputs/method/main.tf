variable "rest_api_id" { type = string }
variable "resource_id" { type = string }
variable "enabled" { type = bool }
variable "timeout" { type = number }

resource "aws_api_gateway_method" "this" {
  count         = var.enabled ? 1 : 0
  rest_api_id   = var.rest_api_id
  resource_id   = var.resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "this" {
  count                = var.enabled ? 1 : 0
  rest_api_id          = var.rest_api_id
  resource_id          = var.resource_id
  http_method          = aws_api_gateway_method.this[0].http_method
  type                 = "MOCK"
  timeout_milliseconds = var.timeout + 1000
}
