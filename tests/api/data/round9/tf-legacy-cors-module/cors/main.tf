# The shape of a popular CORS module of the Terraform 0.12 era: the headers are picked with
# map(), compact(), matchkeys(), formatlist(), a regex replace() and zipmap().
locals {
  headers = map(
    "Access-Control-Allow-Methods", "'${join(",", var.allow_methods)}'",
    "Access-Control-Allow-Origin", "'${var.allow_origin}'",
    "Access-Control-Allow-Credentials", var.allow_credentials ? "'true'" : ""
  )
  header_values   = compact(values(local.headers))
  header_names    = matchkeys(keys(local.headers), values(local.headers), local.header_values)
  parameter_names = formatlist("method.response.header.%s", local.header_names)
  true_list       = split("|", replace(join("|", local.parameter_names), "/[^|]+/", "true"))
}

resource "aws_api_gateway_method" "_" {
  rest_api_id   = "${var.api_id}"
  resource_id   = "${var.api_resource_id}"
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "_" {
  rest_api_id       = "${var.api_id}"
  resource_id       = "${var.api_resource_id}"
  http_method       = "${aws_api_gateway_method._.http_method}"
  type              = "MOCK"
  request_templates = { "application/json" = "{ \"statusCode\": 200 }" }
}

resource "aws_api_gateway_integration_response" "_" {
  rest_api_id         = "${var.api_id}"
  resource_id         = "${var.api_resource_id}"
  http_method         = "${aws_api_gateway_method._.http_method}"
  status_code         = 200
  response_parameters = "${zipmap(local.parameter_names, local.header_values)}"
}

resource "aws_api_gateway_method_response" "_" {
  rest_api_id         = "${var.api_id}"
  resource_id         = "${var.api_resource_id}"
  http_method         = "${aws_api_gateway_method._.http_method}"
  status_code         = 200
  response_parameters = "${zipmap(local.parameter_names, local.true_list)}"
}
