variable "name" {}

resource "aws_api_gateway_rest_api" "this" {
  name = var.name
}

resource "aws_api_gateway_request_validator" "params" {
  name                        = "params-only"
  rest_api_id                 = aws_api_gateway_rest_api.this.id
  validate_request_parameters = "1"
}

output "id" {
  value = aws_api_gateway_rest_api.this.id
}

output "root_resource_id" {
  value = aws_api_gateway_rest_api.this.root_resource_id
}

output "params_validator" {
  value = aws_api_gateway_request_validator.params.id
}
