"""The public check form, and a coordinator's reason for withdrawing a certificate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import normalise_code


class CheckForm(forms.Form):
    """GET form: the code as it stands on the certificate, in any case, dashes optional."""

    kode = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_(
            "Twelve letters and digits, as on the certificate, for example K7QM-3XHP-T9WD."
        ),
        error_messages={"required": _("Type the verification code from the certificate.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_kode(self) -> str:
        code = normalise_code(self.cleaned_data["kode"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "This is not a verification code: it has twelve letters and digits, "
                    "for example K7QM-3XHP-T9WD."
                ),
                code="malformed",
            )
        return code


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the certificate withdrawn?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Seen by coordinators only. Write nothing about patients or relatives: no names, "
            "no health information."
        ),
        error_messages={"required": _("Give a reason for withdrawing the certificate.")},
    )
