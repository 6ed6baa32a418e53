"""The course certificate as a tagged PDF (PDF/UA-1), rendered on the server by WeasyPrint
from an HTML template, with a QR code (segno) to the public check page.

Nothing is fetched while rendering: the QR code is a data URI, the stylesheet is read
from this folder, and the fonts are the system's (DejaVu, from Debian's fonts-dejavu-core;
the Makefile's `pdf` target installs it with Pango). Any other URL in the template fails.
"""

from __future__ import annotations

from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from .models import Certificate
from .selectors import Attendance

# PDF/UA-1 (ISO 14289-1, on PDF 1.7): tagged structure, /Lang, the title shown, alt texts.
# WeasyPrint also offers pdf/ua-2 (on PDF 2.0), which fewer readers and checkers handle.
PDF_VARIANT = "pdf/ua-1"
STYLESHEET = Path(__file__).with_name("pdf.css")
# Norwegian letters that slugify would drop, written as they are in ASCII file names.
ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def verification_url(certificate: Certificate) -> str:
    """The public check page's absolute address, from SITE_URL (a job has no request)."""
    return settings.SITE_URL.rstrip("/") + certificate.get_verification_url()


def qr_code_data_uri(url: str) -> str:
    """The address as an SVG QR code in a data URI (error correction M, dark on white)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=4)


def file_name(certificate: Certificate) -> str:
    """«kursbevis-tor-tjenesteutover-K7QM-3XHP-T9WD.pdf»: ASCII letters, digits and
    dashes only, unique by the code."""
    name = slugify(certificate.participant.full_name.translate(ASCII_LETTERS))[:60].strip("-")
    return f"kursbevis-{name or 'deltaker'}-{certificate.code}.pdf"


def render_certificate_pdf(attendance: Attendance) -> bytes:
    """The PDF of attendance.certificate, in Norwegian, dates in Europe/Oslo."""
    certificate = attendance.certificate
    if certificate is None:
        raise ValueError("The attendance has no certificate to render.")
    url = verification_url(certificate)
    with translation.override("nb"):
        html = render_to_string(
            "certificates/pdf/certificate.html",
            {
                "attendance": attendance,
                "certificate": certificate,
                "participant": attendance.participant,
                "programme": attendance.programme,
                "progress": attendance.progress,
                "verification_url": url,
                "qr_code": qr_code_data_uri(url),
            },
        )
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher)
    pdf = document.write_pdf(
        stylesheets=[CSS(string=STYLESHEET.read_text(encoding="utf-8"))],
        pdf_variant=PDF_VARIANT,
        pdf_identifier=certificate.code.encode(),
    )
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf
