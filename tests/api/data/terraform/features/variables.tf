variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "table_name" {
  default = "items"
}

variable "fields" {
  default = ["name", "price"]
}

variable "function_arn" {
  description = "no default: stays a placeholder unless --param gives it"
}

locals {
  api_name = "shop-${var.region}"
  vm       = "${path.module}/templates"
  cors     = { origin = "'*'", methods = "'GET,PUT'" }
}
