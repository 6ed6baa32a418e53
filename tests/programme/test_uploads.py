"""A material's type is found from its content, whatever its name says: documents and
images a participant's PC opens without running anything, nothing else."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from programme import uploads
from tests.fixtures.materials import DOCX, EXE, HTML, PDF, PNG, zipped


def xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def inspect(content: bytes) -> uploads.Kind:
    return uploads.inspect(io.BytesIO(content), size=len(content))


def refusal(content: bytes) -> str:
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        inspect(content)
    return caught.value.messages[0]


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (PDF, ".pdf"),
        (PNG, ".png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, ".jpg"),
        (b"GIF89a" + b"\x00" * 20, ".gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 20, ".webp"),
        (DOCX, ".docx"),
        (xlsx(), ".xlsx"),
        (zipped({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}), ".pptx"),
        (zipped({"mimetype": "application/vnd.oasis.opendocument.text", "c.xml": "x"}), ".odt"),
    ],
)
def test_it_takes_documents_and_images(content, extension):
    assert inspect(content).extension == extension


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (EXE, "et Windows-program (.exe)"),
        (HTML, "en nettside (HTML)"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG-bilde"),
        (zipped({"notes.txt": "hei"}), "et ZIP-arkiv"),
        (
            zipped(
                {"[Content_Types].xml": "<T/>", "word/d.xml": "<w/>", "word/vbaProject.bin": ""}
            ),
            "en Office-fil med makroer",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "eldre Office-format"),
        (b"PK\x03\x04 not really a zip", "et ZIP-arkiv"),
        (b"hei, dette er bare tekst", "kjente ikke igjen filtypen"),
    ],
)
def test_it_refuses_anything_else_and_says_what_it_found(content, found):
    message = refusal(content)
    assert found in message
    assert "Last opp en PDF" in message


def test_it_keeps_only_the_last_part_of_the_uploaders_name():
    assert uploads.original_name("..\\..\\C:\\Users\\kari\\Lysark.pdf") == "Lysark.pdf"
    assert uploads.original_name("../../etc/passwd") == "passwd"
    assert uploads.original_name("rapport\r\nSet-Cookie: x.pdf") == "rapportSet-Cookie: x.pdf"
    assert uploads.original_name("...") == "materiell"
