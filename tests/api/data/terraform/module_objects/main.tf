# A module makes one resource per path and outputs it whole; a second module, called with
# for_each over the first (a map of its instances), adds a method to each.
resource "aws_api_gateway_rest_api" "api" {
  name = "objects"
}

module "paths" {
  source      = "./modules/path"
  for_each    = toset(["shp", "gpkg"])
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = each.key
}

module "endpoints" {
  source       = "./modules/endpoint"
  for_each     = module.paths
  rest_api_id  = aws_api_gateway_rest_api.api.id
  api_resource = each.value.resource
  answer       = "{\"format\": \"${each.key}\", \"part\": \"${each.value.resource.path_part}\"}"
}
