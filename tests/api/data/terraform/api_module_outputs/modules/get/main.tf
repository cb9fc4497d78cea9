variable "rest_api_id" {}
variable "resource_id" {}
variable "validator_id" {}

resource "aws_api_gateway_method" "get" {
  rest_api_id          = var.rest_api_id
  resource_id          = var.resource_id
  http_method          = "GET"
  authorization        = "NONE"
  request_validator_id = var.validator_id
  request_parameters = {
    "method.request.querystring.author" = "1"
    "method.request.querystring.page"   = "0"
  }
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = var.rest_api_id
  resource_id = var.resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
  request_templates = {
    "application/json" = "{\"statusCode\": 200}"
  }
}
