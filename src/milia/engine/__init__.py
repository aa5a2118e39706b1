"""The assessment engine: case in, differential, milia type, triage and advice out.

Modules, one concept each:

- :mod:`~milia.engine.vocabulary` and :mod:`~milia.engine.case`: the case
  format and its strict validation;
- :mod:`~milia.engine.model` and :mod:`~milia.engine.compile`: the naive-Bayes
  model compiled from ``kb/data/model/*.yaml``;
- :mod:`~milia.engine.explain`: the ``why`` of each condition and milia type;
- :mod:`~milia.engine.rules`, :mod:`~milia.engine.triage`,
  :mod:`~milia.engine.advice`: red flags, triage floors and advice as data;
- :mod:`~milia.engine.questions`: next questions by expected information gain;
- :mod:`~milia.engine.assess` and :mod:`~milia.engine.batch`: ``assess`` and
  ``assess_many``; :mod:`~milia.engine.fast` (with :mod:`~milia.engine.prepared`
  and :mod:`~milia.engine.reassure`): the chunk-vectorised path of
  ``assess_many``; :mod:`~milia.engine.jsontext` (with
  :mod:`~milia.engine.jsontokens`): the same results written straight to JSON
  text (JSON lines in and out); :mod:`~milia.engine.readonly`: the read-only
  containers that ``assess_many`` results share for knowledge-base content;
- :mod:`~milia.engine.json_input`: JSON text of a case read strictly (CLI, API);
- :mod:`~milia.engine.type_fit` and :mod:`~milia.engine.presentation`: how a
  result is put in words (when a milia type is a fit; warning signs first), shared
  by the CLI text and the result page;
- :mod:`~milia.engine.interview`: the question-by-question interview.
"""
