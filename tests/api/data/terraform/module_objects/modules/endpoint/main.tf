variable "rest_api_id" {}
variable "api_resource" {}
variable "answer" {}
variable "authorizer_id" {
  default = ""
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = var.rest_api_id
  resource_id   = var.api_resource.id
  http_method   = "GET"
  authorization = "NONE"
  authorizer_id = var.authorizer_id
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id       = var.rest_api_id
  resource_id       = var.api_resource.id
  http_method       = aws_api_gateway_method.get.http_method
  type              = "MOCK"
  request_templates = { "application/json" = "{\"statusCode\": 200}" }
}

resource "aws_api_gateway_method_response" "ok" {
  rest_api_id = var.rest_api_id
  resource_id = var.api_resource.id
  http_method = aws_api_gateway_method.get.http_method
  status_code = "200"
}

resource "aws_api_gateway_integration_response" "ok" {
  rest_api_id        = var.rest_api_id
  resource_id        = var.api_resource.id
  http_method        = aws_api_gateway_method.get.http_method
  status_code        = aws_api_gateway_method_response.ok.status_code
  response_templates = { "application/json" = var.answer }
}
