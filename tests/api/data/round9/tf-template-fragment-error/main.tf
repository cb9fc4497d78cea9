# One OpenAPI fragment per file, rendered by a template_file data source with for_each over
# fileset() and joined into the body's template (the shape of hrosa/tf-examples).
locals {
  fragments = transpose({ for kind in ["items", "orders"] : kind => fileset("${path.module}/paths", "${kind}*.json") })
}

data "template_file" "paths" {
  for_each = local.fragments
  template = file("${path.module}/paths/${each.key}")
  vars = {
    root = "/shop"
    kind = one(each.value)
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "fragments"
  body = templatefile("${path.module}/body.tpl", {
    paths = join(",", [for fragment in values(data.template_file.paths) : fragment.rendered])
  })
}
