"""The walker's table for evaluations: see outcomes.py for the words."""

from .outcomes import COORDINATORS, REDIRECT, Entry, expect

ENTRIES = {
    "evaluations:answer": Entry(get=expect(worker_a=200), kwargs=lambda w: {"pk": w.evaluated.pk}),
    "evaluations:sessions": Entry(get=COORDINATORS),
    "evaluations:results": Entry(get=COORDINATORS, kwargs=lambda w: {"pk": w.evaluated.pk}),
    "evaluations:results_csv": Entry(
        get=expect(coordinator=REDIRECT),
        kwargs=lambda w: {"pk": w.evaluated.pk},
    ),
}
