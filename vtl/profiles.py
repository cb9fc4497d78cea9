"""Engine options, and the two profiles that set them.

A profile is a named, frozen set of options. The differences between stock Velocity 1.7
and API Gateway are expressed only here (never by patching the engine or rewriting
template text): see ``../shared/spec/apigateway.md`` §1.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Velocity 1.7's pluggable directives (runtime/defaults/directive.properties), each
#: with whether it takes a body closed by #end (BLOCK) or not (LINE).
VELOCITY_DIRECTIVES: dict[str, bool] = {
    "foreach": True,
    "include": False,
    "parse": False,
    "macro": True,
    "literal": True,
    "evaluate": False,
    "break": False,
    "define": True,
    "stop": False,
}


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Everything that may differ between engines running VTL.

    - ``null_reads_empty``: API Gateway's null model (apigateway.md §1, revised
      2026-12-03). False is stock Velocity (a null reference prints as its source text).
      True: null reads as the empty String and evaluation goes on with it: an unset
      variable, a property read or method call whose result is null and a property the
      object does not have all give ``""``, the next step of the chain runs on that
      ``""``, and a null still left when printing (a method that does not exist) prints
      ``""``.
    - ``inline_macros``: whether ``#macro`` in a template defines anything.
    - ``directives``: the pluggable directives that exist (name → takes a block).
    - ``max_foreach_iterations``: a render error past this many iterations of one loop.

    Resource limits (issue 14; None disables one), each a located render error when hit:

    - ``max_output_size``: characters a render may write; no string may grow longer and
      no number have more digits (default: API Gateway's 10 MB payload limit).
    - ``max_number_digits``: decimal digits a number may have (one multiplication of
      numbers near 10 million digits takes Python seconds; AWS documents no limit).
    - ``render_timeout``: seconds of wall-clock time a render may take (checked at each
      loop iteration, macro call, ``#evaluate`` and regex step).
    - ``max_range_size``: elements a range ``[a..b]`` may have when it is made into a
      list; a ``#foreach`` over a range literal walks it without making the list.
    """

    name: str
    null_reads_empty: bool
    inline_macros: bool
    directives: tuple[tuple[str, bool], ...]
    max_foreach_iterations: int | None
    max_output_size: int | None = 10 * 1024 * 1024
    max_number_digits: int | None = 100_000
    render_timeout: float | None = 5.0
    max_range_size: int | None = 1_000_000

    def directive_blocks(self) -> dict[str, bool]:
        """The directive table as a dict: name → takes a block."""
        return dict(self.directives)


VELOCITY = EngineOptions(
    name="velocity",
    null_reads_empty=False,
    inline_macros=True,
    directives=tuple(VELOCITY_DIRECTIVES.items()),
    max_foreach_iterations=None,
)

APIGATEWAY = EngineOptions(
    name="apigateway",
    null_reads_empty=True,
    inline_macros=False,
    # No #evaluate on API Gateway: `#evaluate($x)` prints literally.
    directives=tuple((k, v) for k, v in VELOCITY_DIRECTIVES.items() if k != "evaluate"),
    # AWS quota: "#foreach: at most 1000 iterations per loop" (apigateway.md §6).
    max_foreach_iterations=1000,
)

PROFILES: dict[str, EngineOptions] = {p.name: p for p in (VELOCITY, APIGATEWAY)}


def get_profile(name: str) -> EngineOptions:
    """The profile called ``name``; a clear ValueError for an unknown name."""
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown profile {name!r} (known profiles: {known})") from None
