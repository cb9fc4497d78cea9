resource "aws_api_gateway_rest_api" "api" {
  name = "string-inputs"
}

# string values for a bool and a number variable, as .tfvars-fed wrappers often pass them
module "root_get" {
  source      = "./method"
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  enabled     = "true"
  timeout     = "14000"
}
