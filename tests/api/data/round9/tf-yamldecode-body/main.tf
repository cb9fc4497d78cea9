resource "aws_api_gateway_rest_api" "api" {
  name = "yaml-body"
  body = jsonencode(yamldecode(templatefile("${path.module}/openapi.yaml", {
    greeting = "hello"
  })))
}
