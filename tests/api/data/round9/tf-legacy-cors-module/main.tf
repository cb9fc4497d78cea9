resource "aws_api_gateway_rest_api" "api" {
  name = "cors-demo"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = replace("v1_items", "/^v1_(.*)$/", "$1")
}

module "cors" {
  source = "./cors"

  api_id            = aws_api_gateway_rest_api.api.id
  api_resource_id   = aws_api_gateway_resource.items.id
  allow_origin      = "https://example.com"
  allow_credentials = false
}
