"""The VTL grammar (vtl.lark), shipped inside the wheel as package data."""
