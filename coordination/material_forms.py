"""The coordinator's form for a session's material: a file or a link."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from programme import uploads
from programme.models import Material

ACCEPT = ",".join(
    [".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".png", ".jpg", ".jpeg"]
    + [".gif", ".webp"]
)


class MaterialForm(forms.ModelForm):
    """The file is checked from its content in Material.clean (programme/uploads.py), as
    in the admin; a refusal is shown next to the file field and says why."""

    class Meta:
        model = Material
        fields = ["title", "file", "url"]
        labels = {"title": _("Title")}
        error_messages = {
            "title": {
                "required": _("Write a title, e.g. «Slides from the day»."),
                "max_length": _("Keep the title to at most 200 characters."),
            },
        }

    # An empty file and a long name reach Material.clean, which says what is wrong; the
    # stored name is random, so the uploader's name has no length limit of its own.
    file = forms.FileField(
        label=_("File"),
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    url = forms.URLField(
        label=_("Or a link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Instead of a file: a link to material elsewhere."),
        error_messages={
            "invalid": _("Write a full web address, e.g. https://example.no/report."),
            "max_length": _("Keep the link to at most 200 characters."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument or an image (PNG, JPEG, GIF, WebP), "
            "at most %(limit)s. Only those registered for the session and coordinators can "
            "open it. Upload nothing about patients or relatives."
        ) % {"limit": filesizeformat(uploads.max_upload_bytes())}
