"""Definition files read as data with lines: short-form tags, JSON rules, located errors."""

from pathlib import Path

import pytest

from vtl.api.sources.document import DefinitionError, gathering_notes, parse_document

YAML = b"""\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Sub "${AWS::StackName}-api"
      Arn: !GetAtt Fn.Arn
      Parts: !Join ["", [a, !Ref B]]
      Template: |
        {"a": "$input.params('a')"}
"""


def test_short_form_tags_become_the_long_form() -> None:
    doc = parse_document(YAML, Path("t.yaml"))
    properties = doc.data["Resources"]["Api"]["Properties"]
    assert properties["Name"] == {"Fn::Sub": "${AWS::StackName}-api"}
    assert properties["Arn"] == {"Fn::GetAtt": ["Fn", "Arn"]}
    assert properties["Parts"] == {"Fn::Join": ["", ["a", {"Ref": "B"}]]}
    assert properties["Template"] == "{\"a\": \"$input.params('a')\"}\n"


def test_lines_by_path_and_by_identity() -> None:
    doc = parse_document(YAML, Path("t.yaml"))
    assert str(doc.source(("Resources", "Api", "Properties", "Template"))) == "t.yaml:8"
    assert str(doc.source(doc.where(doc.data["Resources"]["Api"]))) == "t.yaml:2"


def test_json_keeps_json_rules_and_lines() -> None:
    doc = parse_document(b'{\n  "on": "yes",\n  "list": [\n    1,\n    {"x": "a\\/b"}\n  ]\n}\n', Path("a.json"))
    assert doc.data == {"on": "yes", "list": [1, {"x": "a/b"}]}
    assert str(doc.source(("list", 1, "x"))) == "a.json:5"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"a: [1, 2\n", "t.yaml:2: not valid YAML"),
        (b"a: !Nope x\n", "t.yaml:1: unknown tag !Nope"),
        (b"\xff\xfea\x00", "UTF-16"),
        (b"a: \xe9\n", "is not UTF-8"),
    ],
)
def test_bad_files_give_one_located_error(raw: bytes, message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        parse_document(raw, Path("t.yaml"))


def test_bad_json_is_located() -> None:
    with pytest.raises(DefinitionError, match=r"a.json:2: not valid JSON"):
        parse_document(b'{\n  "a": ,\n}', Path("a.json"))


@pytest.mark.parametrize(("raw", "name", "first", "again"), [
    (b"a: 1\nb: [x]\na:\n  c: 2\n", "t.yaml", 1, 3),
    (b'{\n  "a": 1,\n  "b": ["x"],\n  "a": {\n    "c": 2}\n}\n', "a.json", 2, 4),
])
def test_a_key_twice_keeps_its_last_value_and_says_so(raw: bytes, name: str, first: int, again: int) -> None:
    # CloudFormation deploys such a template with the last value (cfn-lint #35,
    # go-to-k/cdk-real-drift #1074): refusing it would refuse what AWS runs
    with gathering_notes() as notes:
        doc = parse_document(raw, Path(name))
    assert doc.data == {"a": {"c": 2}, "b": ["x"]}
    assert str(doc.source(("a", "c"))) == f"{name}:{again + 1}"
    assert notes == [(f"{name}:{again}: key 'a' appears twice in one mapping (first on line {first}): "
                      "its last value is used, as CloudFormation and API Gateway read it")]


@pytest.mark.parametrize(("text", "name"), [
    (b"[" * 500 + b"1" + b"]" * 500, "deep.json"),  # json reads it; PyYAML's composer recurses deeper
    (b"[" * 5000 + b"]" * 5000, "deeper.json"),
    (b"a: " + b"[" * 500 + b"]" * 500, "deep.yaml"),
])
def test_deep_nesting_is_read_or_refused_never_a_crash(text: bytes, name: str) -> None:
    try:
        document = parse_document(text, Path(name))
    except DefinitionError as error:
        assert str(error) == f"{name}: nested too deeply to be a definition"
    else:
        assert document.source(()).file == name and isinstance(document.data, (list, dict))


def test_a_serverless_configuration_written_as_a_program_says_what_to_give(tmp_path: Path) -> None:
    # The Framework's aws-nodejs-typescript template writes serverless.ts; it was parsed as
    # YAML ("mapping values are not allowed in this context" at some line).
    from vtl.api import load_api
    from vtl.api.sources.document import DefinitionError

    program = tmp_path / "serverless.ts"
    program.write_text("const config = { service: 'a' };\nmodule.exports = config;\n")
    with pytest.raises(DefinitionError) as raised:
        load_api(program)
    assert str(raised.value) == (
        f"{program}: a Serverless Framework configuration written as a program, which vtl does "
        "not run: give the file `serverless print > serverless.yml` writes (or the "
        "CloudFormation template `serverless package` writes in .serverless/)")
    with pytest.raises(DefinitionError, match=r"serverless\.ts is a Serverless Framework "
                                              r"configuration written as a program"):
        load_api(tmp_path)
