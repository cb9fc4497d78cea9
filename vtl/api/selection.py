"""Integration response selection (spec pipeline §8).

Each integration response but the default has a ``selectionPattern``, a Java regular
expression matched against the **whole** string (``Matcher.matches``: [INFERRED], the
docs name ``java.util.regex.Pattern``), with the project's Java regex (:mod:`vtl.java.regex`):

- Lambda (``AWS`` to a function): the error's ``errorMessage`` (a null message is matched
  as ``""``, so ``.*`` takes every error: AWS-DOC handle-errors-in-lambda-integration); a
  successful invocation always takes the default (AWS-REC LS:lambda::test_lambda_selection_patterns);
- ``HTTP``, other ``AWS`` services and ``MOCK``: the endpoint status code as text.

No pattern matches → the default response, or None when there is none (a 500).
"""

from __future__ import annotations

from vtl.api.model import Integration, IntegrationResponse, ModelError

__all__ = ["InvalidSelectionPattern", "pattern_matches", "select_integration_response"]


class InvalidSelectionPattern(ModelError):
    """A ``selectionPattern`` that is not a Java regular expression; ``response`` has it."""

    def __init__(self, response: IntegrationResponse, reason: str) -> None:
        super().__init__(
            f"selectionPattern {response.selection_pattern!r} is not a valid Java regular "
            f"expression: {reason}"
        )
        self.response = response


def pattern_matches(pattern: str, text: str) -> bool:
    """Java ``Pattern.matches(pattern, text)``; raises ``JavaException`` (a
    ``PatternSyntaxException``) or ``UnsupportedJavaRegex`` for a pattern it cannot run."""
    from vtl.java.regex import matches

    return matches(text, pattern)


def select_integration_response(
    integration: Integration, selection_input: str | None
) -> IntegrationResponse | None:
    """The response for ``selection_input`` (the error message or status code; None for a
    successful Lambda invocation, which only the default takes).

    When several patterns match, the first in definition order wins: [LOCAL] the recorded
    case cannot tell definition order from status order (spec §8).
    """
    if selection_input is not None:
        from vtl.java.regex_parser import UnsupportedJavaRegex
        from vtl.java.registry import JavaException

        for response in integration.responses:
            if response.is_default:
                continue
            try:
                if pattern_matches(response.selection_pattern or "", selection_input):
                    return response
            except JavaException as error:
                # PatternSyntaxException's message ends with the pattern and a caret line.
                raise InvalidSelectionPattern(response, (error.message or str(error)).split("\n", 1)[0]) from None
            except UnsupportedJavaRegex as error:
                raise InvalidSelectionPattern(response, str(error)) from None
    return next((response for response in integration.responses if response.is_default), None)
