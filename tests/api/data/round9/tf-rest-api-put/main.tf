# The REST API is created with one definition, then aws_api_gateway_rest_api_put replaces it.
resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "shop", version = "1" }
    paths = {
      "/old" = {
        get = {
          x-amazon-apigateway-integration = {
            type = "MOCK", requestTemplates = { "application/json" = "{\"statusCode\": 200}" }
          }
        }
      }
    }
  })
}

resource "aws_api_gateway_rest_api_put" "shop" {
  rest_api_id      = aws_api_gateway_rest_api.shop.id
  fail_on_warnings = true
  body = jsonencode({
    swagger = "2.0"
    info    = { title = "shop", version = "2" }
    paths = {
      "/items" = {
        get = {
          responses = { "200" = { description = "OK" } }
          x-amazon-apigateway-integration = {
            type       = "HTTP"
            httpMethod = "GET"
            uri        = "https://backend.example.com/items"
            responses  = { default = { statusCode = 200 } }
          }
        }
      }
    }
  })
}
