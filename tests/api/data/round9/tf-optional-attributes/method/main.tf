variable "rest_api_id" { type = string }
variable "resource_id" { type = string }

variable "integration_responses" {
  type = map(object({
    selection_pattern  = optional(string)
    response_templates = optional(map(string), { "application/json" = "{\"default\": true}" })
    headers            = optional(object({ origin = optional(string, "'*'") }), {})
  }))
}

resource "aws_api_gateway_method" "this" {
  rest_api_id   = var.rest_api_id
  resource_id   = var.resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "this" {
  rest_api_id       = var.rest_api_id
  resource_id       = var.resource_id
  http_method       = aws_api_gateway_method.this.http_method
  type              = "MOCK"
  request_templates = { "application/json" = "{\"statusCode\": 200}" }
}

resource "aws_api_gateway_integration_response" "this" {
  for_each = var.integration_responses

  rest_api_id        = var.rest_api_id
  resource_id        = var.resource_id
  http_method        = aws_api_gateway_method.this.http_method
  status_code        = each.key
  selection_pattern  = each.value.selection_pattern
  response_templates = each.value.response_templates
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin" = each.value.headers.origin
  }
}

resource "aws_api_gateway_method_response" "this" {
  for_each = var.integration_responses

  rest_api_id = var.rest_api_id
  resource_id = var.resource_id
  http_method = aws_api_gateway_method.this.http_method
  status_code = each.key
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin" = true
  }
}
