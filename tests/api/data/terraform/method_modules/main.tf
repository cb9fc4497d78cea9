# A root module declaring the REST API and its resources; one local module per method
# (called for each route) adds the method, its integration and its responses.
resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_rest_api.shop.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_request_validator" "body" {
  name                  = "check-body"
  rest_api_id           = aws_api_gateway_rest_api.shop.id
  validate_request_body = true
}

module "items" {
  for_each     = { GET = "list-items", POST = "add-item" }
  source       = "./modules/lambda_method"
  rest_api_id  = aws_api_gateway_rest_api.shop.id
  resource_id  = aws_api_gateway_resource.items.id
  http_method  = each.key
  function     = each.value
  validator_id = aws_api_gateway_request_validator.body.id
}
