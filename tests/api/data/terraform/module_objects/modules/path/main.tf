variable "rest_api_id" {}
variable "parent_id" {}
variable "path_part" {}

resource "aws_api_gateway_resource" "this" {
  rest_api_id = var.rest_api_id
  parent_id   = var.parent_id
  path_part   = var.path_part
}

output "resource" {
  value = aws_api_gateway_resource.this
}
