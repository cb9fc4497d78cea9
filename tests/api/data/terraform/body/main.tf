resource "aws_api_gateway_rest_api" "pets" {
  name = "pets"
  body = file("${path.module}/openapi.yaml")
}

resource "aws_api_gateway_stage" "v1" {
  rest_api_id   = aws_api_gateway_rest_api.pets.id
  deployment_id = "d"
  stage_name    = "v1"
}
