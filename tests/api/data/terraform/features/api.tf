resource "aws_api_gateway_rest_api" "shop" {
  name               = local.api_name
  binary_media_types = ["image/png"]
}

resource "aws_api_gateway_resource" "v1" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_rest_api.shop.root_resource_id
  path_part   = "v1"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_resource.v1.id
  path_part   = "items"
}

resource "aws_api_gateway_resource" "item" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_resource.items.id
  path_part   = "{id}"
}

resource "aws_api_gateway_request_validator" "body" {
  rest_api_id           = aws_api_gateway_rest_api.shop.id
  name                  = "validate-body"
  validate_request_body = true
}

resource "aws_api_gateway_model" "item" {
  rest_api_id  = aws_api_gateway_rest_api.shop.id
  name         = "Item"
  content_type = "application/json"
  schema = jsonencode({
    type     = "object"
    required = ["name"]
  })
}

resource "aws_api_gateway_method" "put_item" {
  rest_api_id          = aws_api_gateway_rest_api.shop.id
  resource_id          = aws_api_gateway_resource.item.id
  http_method          = "PUT"
  authorization        = "NONE"
  api_key_required     = true
  request_validator_id = aws_api_gateway_request_validator.body.id
  request_models       = { "application/json" = aws_api_gateway_model.item.name }
}

resource "aws_api_gateway_integration" "put_item" {
  rest_api_id             = aws_api_gateway_method.put_item.rest_api_id
  resource_id             = aws_api_gateway_method.put_item.resource_id
  http_method             = aws_api_gateway_method.put_item.http_method
  type                    = "aws"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:${var.region}:dynamodb:action/PutItem"
  request_templates = {
    "application/json" = templatefile("${local.vm}/put-item.vm", {
      table  = var.table_name
      fields = var.fields
      audit  = true
    })
    "text/plain" = <<-EOT
      #set($raw = $input.body)

      {"raw": "$util.escapeJavaScript($raw)", "region": "${var.region}"}
    EOT
  }
}

resource "aws_api_gateway_integration_response" "put_item_error" {
  rest_api_id       = aws_api_gateway_rest_api.shop.id
  resource_id       = aws_api_gateway_resource.item.id
  http_method       = aws_api_gateway_integration.put_item.http_method
  status_code       = "500"
  selection_pattern = "5\\d{2}"
  response_templates = {
    "application/json" = file("${local.vm}/error.vm")
  }
}

resource "aws_api_gateway_integration_response" "put_item_ok" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  resource_id = aws_api_gateway_resource.item.id
  http_method = aws_api_gateway_integration.put_item.http_method
  status_code = 200
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin" = local.cors.origin
  }
  response_templates = {
    "application/xml" = <<EOT
<item id="$input.params('id')">$${x}</item>
EOT
  }
}

resource "aws_api_gateway_method" "list_items" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "list_items" {
  rest_api_id             = aws_api_gateway_rest_api.shop.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.list_items.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = var.function_arn
  request_templates = {
    "application/json" = jsonencode({ action = "list", filter = "<all> & more", limit = 10 })
  }
}

resource "aws_api_gateway_gateway_response" "missing_key" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  response_type = "API_KEY_INVALID"
  status_code   = "403"
  response_templates = {
    "application/json" = "{\"message\": $context.error.messageString}"
  }
}

resource "aws_api_gateway_stage" "live" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  deployment_id = "abc123"
  stage_name    = "live"
  variables     = { table = var.table_name, lambdaAlias = "live" }
}
