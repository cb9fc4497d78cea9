"""Benchmarks for apigw-vtl (not part of the package, not a test suite): see README.md."""
