resource "aws_api_gateway_rest_api" "api" {
  name = "headers"
}

locals {
  names = split(",", md5("origin,methods"))
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_method_response" "get" {
  rest_api_id         = aws_api_gateway_rest_api.api.id
  resource_id         = aws_api_gateway_rest_api.api.root_resource_id
  http_method         = aws_api_gateway_method.get.http_method
  status_code         = "200"
  response_parameters = zipmap(local.names, [true, true])
}
