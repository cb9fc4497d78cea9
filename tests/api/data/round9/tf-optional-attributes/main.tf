resource "aws_api_gateway_rest_api" "api" {
  name = "optional-attributes"
}

module "root_get" {
  source      = "./method"
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id

  # each object leaves out attributes its type declares optional()
  integration_responses = {
    "200" = {}
    "400" = {
      selection_pattern = "4\\d{2}"
      headers           = { origin = "'https://example.com'" }
    }
  }
}
