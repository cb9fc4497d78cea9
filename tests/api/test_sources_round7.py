"""Findings of the seventh round of real-world definition files (/work/realworld7), each
with a small fixture of its own under ``data/round7``; expected values come from the AWS
references cited in each test."""

from __future__ import annotations

from pathlib import Path

from vtl.api import load_api

DATA = Path(__file__).parent / "data" / "round7"


def test_body_and_binary_media_types_property_are_merged() -> None:
    # CloudFormation RestApi reference, Mode: "binary media types are merged with the
    # existing API"; BinaryMediaTypes: "Slashes must be escaped with ~1".
    api = load_api(DATA / "cfn-body-and-binary-media-types.yaml")
    assert sorted(api.binary_media_types) == ["application/octet-stream", "image/png"]
