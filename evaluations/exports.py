"""The results of one session's evaluation as rows for a CSV file: one row per rating
question (answers, average, the count for each rating), then one row per comment."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import Question
from .selectors import Results


def results_rows(results: Results) -> tuple[list[str], list[list[object]]]:
    header = [
        _("Question"),
        _("Answers"),
        _("Average"),
        *[str(rating) for rating in range(1, 6)],
        _("Comment"),
    ]
    rows: list[list[object]] = []
    for result in results.questions:
        if result.question.kind == Question.Kind.RATING:
            average = (
                number_format(round(result.average, 2), 2) if result.average is not None else ""
            )
            rows.append(
                [
                    result.question.text,
                    result.count,
                    average,
                    *[n for _r, n, _p in result.distribution],
                    "",
                ]
            )
    for result in results.questions:
        for comment in result.comments:
            rows.append([result.question.text, "", "", "", "", "", "", "", comment])
    return header, rows
