"""What a session material's file may be, judged from its content, and where it is kept.

The type comes from the bytes (puremagic for the signature, zipfile for what an Office or
OpenDocument container holds), never from the name or the browser's Content-Type: an
.exe renamed .pdf is still an .exe. Only documents and images a participant's PC opens
without running anything are taken; a refusal says what was found. The stored name is
random, with the extension of the type found: nothing of the uploader's name reaches the
disk or the object store, and the original name is kept only for Content-Disposition.
"""

import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO, NoReturn

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    inline: bool  # shown in the browser (PDF, images) rather than downloaded


PDF = Kind(".pdf", "application/pdf", inline=True)
IMAGES = {
    "image/png": Kind(".png", "image/png", inline=True),
    "image/jpeg": Kind(".jpg", "image/jpeg", inline=True),
    "image/gif": Kind(".gif", "image/gif", inline=True),
    "image/webp": Kind(".webp", "image/webp", inline=True),
}
OOXML = "application/vnd.openxmlformats-officedocument."
OPENDOCUMENT = "application/vnd.oasis.opendocument."
# Office Open XML: the folder of the main part tells a document from a workbook.
OFFICE_FOLDERS = {
    "word/": Kind(".docx", OOXML + "wordprocessingml.document", inline=False),
    "xl/": Kind(".xlsx", OOXML + "spreadsheetml.sheet", inline=False),
    "ppt/": Kind(".pptx", OOXML + "presentationml.presentation", inline=False),
}
# OpenDocument: the first entry, «mimetype», names the type.
OPENDOCUMENTS = {
    OPENDOCUMENT + "text": Kind(".odt", OPENDOCUMENT + "text", inline=False),
    OPENDOCUMENT + "spreadsheet": Kind(".ods", OPENDOCUMENT + "spreadsheet", inline=False),
    OPENDOCUMENT + "presentation": Kind(".odp", OPENDOCUMENT + "presentation", inline=False),
}
KINDS = {kind.content_type: kind for kind in [PDF, *IMAGES.values(), *OFFICE_FOLDERS.values()]}
KINDS.update(OPENDOCUMENTS)

ACCEPTED = _(
    "Upload a PDF, a Word, Excel or PowerPoint file (.docx, .xlsx, .pptx), an OpenDocument "
    "file (.odt, .ods, .odp) or an image (PNG, JPEG, GIF, WebP)."
)
# What a refused file was found to be, for the message; puremagic's name otherwise.
FOUND = {
    ".exe": _("a Windows program (.exe)"),
    ".html": _("a web page (HTML)"),
    ".svg": _("an SVG image, which can carry scripts"),
    ".zip": _("a ZIP archive"),
    ".doc": _("a document in an old Office format (.doc, .xls, .ppt) or another OLE file"),
    "macros": _("an Office file with macros"),
}
ZIP_SIGNATURE = b"PK\x03\x04"
MACRO_FOLDERS = ("Basic/", "Scripts/")  # OpenDocument's macros (Office's: vbaProject.bin)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def max_upload_bytes() -> int:
    return settings.MATERIALS_MAX_UPLOAD_MB * 1024 * 1024


def inspect(file: IO[bytes], *, size: int) -> Kind:
    """The kind of an uploaded file, or a ValidationError in Norwegian saying why not."""
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s MB."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": settings.MATERIALS_MAX_UPLOAD_MB},
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(ZIP_SIGNATURE):
            return _container_kind(file)
        return _signature_kind(file, head)
    finally:
        file.seek(0)


def _signature_kind(file: IO[bytes], head: bytes) -> Kind:
    try:
        matches = puremagic.magic_stream(file)
    except (puremagic.PureError, ValueError):
        matches = []
    if head.startswith(b"MZ"):  # puremagic's best guesses are DLL-like names
        refuse(".exe")
    if head.startswith(OLE_SIGNATURE):
        refuse(".doc")
    if not matches:
        refuse(None)
    best = max(match.confidence for match in matches)
    top = [match for match in matches if match.confidence == best]
    for match in top:
        if match.extension == ".pdf":
            return PDF
        if match.mime_type in IMAGES:
            return IMAGES[match.mime_type]
    refuse(top[0].extension or None)


def _container_kind(file: IO[bytes]) -> Kind:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        refuse(".zip")
    if any(
        name.lower().endswith("vbaproject.bin") or name.startswith(MACRO_FOLDERS) for name in names
    ):
        refuse("macros")
    odf = OPENDOCUMENTS.get(mimetype.decode("ascii", "replace").strip())
    if odf is not None:
        return odf
    if "[Content_Types].xml" in names:
        for folder, kind in OFFICE_FOLDERS.items():
            if any(name.startswith(folder) for name in names):
                return kind
    refuse(".zip")


def refuse(found: str | None) -> NoReturn:
    """Refuse the file, saying what its content was found to be and what is taken."""
    if found is None:
        raise ValidationError(
            _("The portal could not tell from its content what kind of file this is. %(ok)s"),
            code="refused_type",
            params={"ok": ACCEPTED},
        )
    described = FOUND.get(found) or _("a %(extension)s file") % {"extension": found}
    raise ValidationError(
        _("By its content, the file is %(found)s. %(ok)s"),
        code="refused_type",
        params={"found": described, "ok": ACCEPTED},
    )


def original_name(name: str) -> str:
    """The uploader's file name without folders or control characters, for
    Content-Disposition only (it is never part of a path)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    return name[:200] or "materiell"


def material_path(instance, filename: str) -> str:
    """A random name with the extension of the type found (Material.clean sets it)."""
    kind = KINDS.get(instance.content_type)
    return f"materials/{uuid.uuid4().hex}{kind.extension if kind else ''}"


def private_storage() -> Storage:
    """The storage of private files (STORAGES["private"]): a callable, so that the setting
    is read when the storage is used and migrations do not name it."""
    return storages["private"]
