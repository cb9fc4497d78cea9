resource "aws_api_gateway_rest_api" "api" {
  name = "users"
}

module "users_get" {
  source      = "./endpoint"
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "users"
  http_method = "GET"
}

module "users_post" {
  source      = "./endpoint"
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "users"
  http_method = "POST"
}
