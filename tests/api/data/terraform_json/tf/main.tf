# The pets API of cdktf/stacks/pets/cdk.tf.json, written by hand in the native syntax.

provider "aws" {
  region = "eu-west-1"
}

variable "greeting" {
  type    = string
  default = "hello"
}

variable "limit" {
  type    = number
  default = 10
}

resource "aws_lambda_function" "list" {
  function_name = "list-pets"
  role          = "arn:aws:iam::123456789012:role/pets"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "list.zip"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "pets"
}

resource "aws_api_gateway_resource" "pets" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "pets"
}

resource "aws_api_gateway_resource" "pet" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.pets.id
  path_part   = "{id}"
}

# GET /pets: the list-pets Lambda function, non-proxy.

resource "aws_api_gateway_method" "list" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.pets.id
  http_method   = "GET"
  authorization = "NONE"
  request_parameters = {
    "method.request.querystring.limit" = false
  }
}

resource "aws_api_gateway_integration" "list" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_resource.pets.id
  http_method             = aws_api_gateway_method.list.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.list.invoke_arn
  passthrough_behavior    = "WHEN_NO_TEMPLATES"
  request_templates = {
    "application/json" = "{\"limit\": \"$input.params('limit')\", \"default\": ${var.limit}, \"env\": \"$stageVariables.env\", \"id\": \"$${context.requestId}\"}"
  }
}

resource "aws_api_gateway_method_response" "list_200" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.pets.id
  http_method = aws_api_gateway_method.list.http_method
  status_code = "200"
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin" = true
  }
}

resource "aws_api_gateway_method_response" "list_404" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.pets.id
  http_method = aws_api_gateway_method.list.http_method
  status_code = "404"
}

resource "aws_api_gateway_integration_response" "list_200" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.pets.id
  http_method = aws_api_gateway_method.list.http_method
  status_code = aws_api_gateway_method_response.list_200.status_code
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin" = "'*'"
  }
  response_templates = {
    "application/json" = file("${path.module}/templates/list-response.vm")
  }
  depends_on = [aws_api_gateway_integration.list]
}

resource "aws_api_gateway_integration_response" "list_404" {
  rest_api_id       = aws_api_gateway_rest_api.api.id
  resource_id       = aws_api_gateway_resource.pets.id
  http_method       = aws_api_gateway_method.list.http_method
  status_code       = aws_api_gateway_method_response.list_404.status_code
  selection_pattern = ".*NotFound.*"
  response_templates = {
    "application/json" = jsonencode({ message = "$input.path('$.errorMessage')", greeting = var.greeting })
  }
  depends_on = [aws_api_gateway_integration.list]
}

# GET /pets/{id}: a MOCK that answers 404 for the id 0.

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.pet.id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.pet.id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
  request_templates = {
    "application/json" = "{\"statusCode\": #if($input.params('id') == \"0\")404#{else}200#end}"
  }
}

resource "aws_api_gateway_method_response" "get_200" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.pet.id
  http_method = aws_api_gateway_method.get.http_method
  status_code = "200"
}

resource "aws_api_gateway_method_response" "get_404" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.pet.id
  http_method = aws_api_gateway_method.get.http_method
  status_code = "404"
}

resource "aws_api_gateway_integration_response" "get_200" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.pet.id
  http_method = aws_api_gateway_method.get.http_method
  status_code = aws_api_gateway_method_response.get_200.status_code
  response_templates = {
    "application/json" = <<-EOT
      {
        "id": "$input.params('id')",
        "greeting": "${var.greeting}",
        "stage": "$context.stage"
      }
    EOT
  }
  depends_on = [aws_api_gateway_integration.get]
}

resource "aws_api_gateway_integration_response" "get_404" {
  rest_api_id       = aws_api_gateway_rest_api.api.id
  resource_id       = aws_api_gateway_resource.pet.id
  http_method       = aws_api_gateway_method.get.http_method
  status_code       = aws_api_gateway_method_response.get_404.status_code
  selection_pattern = "404"
  response_templates = {
    "application/json" = "{\"message\": \"no pet $input.params('id')\"}"
  }
  depends_on = [aws_api_gateway_integration.get]
}

resource "aws_api_gateway_deployment" "deployment" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  lifecycle {
    create_before_destroy = true
  }
  depends_on = [aws_api_gateway_integration.list, aws_api_gateway_integration.get]
}

resource "aws_api_gateway_stage" "dev" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.deployment.id
  stage_name    = "dev"
  variables = {
    env = "development"
  }
}
