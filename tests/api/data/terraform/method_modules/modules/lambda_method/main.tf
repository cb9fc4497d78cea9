variable "rest_api_id" {}
variable "resource_id" {}
variable "http_method" {}
variable "function" {}
variable "validator_id" {}

resource "aws_api_gateway_method" "this" {
  rest_api_id          = var.rest_api_id
  resource_id          = var.resource_id
  http_method          = var.http_method
  authorization        = "NONE"
  request_validator_id = var.validator_id
}

resource "aws_api_gateway_integration" "this" {
  rest_api_id             = var.rest_api_id
  resource_id             = var.resource_id
  http_method             = aws_api_gateway_method.this.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${var.function}/invocations"
  request_templates = {
    "application/json" = "{\"fn\": \"${var.function}\", \"body\": $input.json('$')}"
  }
}

resource "aws_api_gateway_integration_response" "ok" {
  rest_api_id = var.rest_api_id
  resource_id = var.resource_id
  http_method = aws_api_gateway_method.this.http_method
  status_code = "200"
}
