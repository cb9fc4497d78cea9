variable "region" {
  description = "Where the API and its Lambda function live."
  default     = "us-east-1"
}

variable "account_id" {
  default = "123456789012"
}

variable "stage_name" {
  default = "prod"
}

locals {
  templates       = "${path.module}/../templates"
  create_function = "arn:aws:lambda:${var.region}:${var.account_id}:function:create-order"
  cors_headers    = "Content-Type,X-Amz-Date,Authorization,X-Api-Key"
}
