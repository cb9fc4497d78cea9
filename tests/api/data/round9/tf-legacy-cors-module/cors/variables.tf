# Terraform 0.11-style: quoted type constraints
variable "api_id" {}
variable "api_resource_id" {}
variable "allow_methods" {
  type    = "list"
  default = ["OPTIONS", "GET"]
}
variable "allow_origin" {
  type    = "string"
  default = "*"
}
variable "allow_credentials" {
  default = false
}
