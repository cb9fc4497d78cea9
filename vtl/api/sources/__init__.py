"""Readers of API definition files, one module per format, each producing :class:`vtl.api.Api`.

Contract of a reader module (``openapi``, ``cloudformation``, ``terraform``, ``serverless``…):
``FORMAT`` (its name in ``vtl routes --json``), ``recognises(path, document)`` (true when the
file's content is that format: ``document`` is the :class:`~.document.Document` of a JSON or
YAML file, None for a folder), and ``read(path, params) -> Api`` (``params``: values for the
definition's own parameters, e.g. CloudFormation ``--param Name=Value``). Every template in
the model keeps its :class:`~vtl.api.model.Source`; every error is a
:class:`~.document.DefinitionError` naming file, line and field.
"""
