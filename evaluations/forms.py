"""The evaluation form: one field per question, built from the session's questions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Question

RATING_LABELS = [
    (1, _("1 – very poor")),
    (2, _("2 – poor")),
    (3, _("3 – neither good nor poor")),
    (4, _("4 – good")),
    (5, _("5 – very good")),
]
MAX_TEXT = 4000
# Under every free-text answer: the answers are anonymous, but a text can still name
# someone, and the portal never stores anything about patients or relatives.
NO_PATIENT_DATA = _("Write nothing about patients or relatives: no names, no health information.")


class EvaluationForm(forms.Form):
    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[self.field_name(question)] = self.field_for(question)

    @staticmethod
    def field_name(question: Question) -> str:
        return f"question_{question.pk}"

    @staticmethod
    def field_for(question: Question) -> forms.Field:
        if question.kind == Question.Kind.RATING:
            choose = _("Choose a rating from 1 to 5.")
            return forms.TypedChoiceField(
                label=question.text,
                help_text=question.help_text,
                choices=RATING_LABELS,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                required=question.is_required,
                error_messages={"required": choose, "invalid_choice": choose},
            )
        return forms.CharField(
            label=question.text,
            help_text=" ".join(str(text) for text in (question.help_text, NO_PATIENT_DATA) if text),
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=MAX_TEXT,
            required=question.is_required,
            strip=True,
            error_messages={
                "required": _("Write an answer to this question."),
                "max_length": _("Keep the answer to at most %(limit_value)d characters."),
            },
        )

    def answers(self) -> dict[Question, int | str | None]:
        return {q: self.cleaned_data.get(self.field_name(q)) for q in self.questions}
