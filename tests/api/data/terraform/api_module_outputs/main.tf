# The REST API is declared by one local module and read through its outputs; this folder
# adds a resource, and a second local module adds its method.
module "api" {
  source = "./modules/api"
  name   = "library"
}

resource "aws_api_gateway_resource" "books" {
  rest_api_id = module.api.id
  parent_id   = module.api.root_resource_id
  path_part   = "books"
}

module "list_books" {
  source       = "./modules/get"
  rest_api_id  = module.api.id
  resource_id  = aws_api_gateway_resource.books.id
  validator_id = module.api.params_validator
}
