"""The agreement's PDF never leaves the parties' signatures alone on a page (read back)."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from core.pdf import render_pdf
from roadmap import agreements
from roadmap.models import AgreementPay
from tests.roadmap.factories import staff_of

pytestmark = pytest.mark.django_db

SENTENCE = (
    "Наставник помогает наставляемому планировать занятия, посещает их и обсуждает "
    "с ним результаты, подбирает методические материалы. "
)


@pytest.mark.real_pdf
def test_the_last_paragraph_stays_with_the_signatures_however_long_the_text(org, users):
    agreement = agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=staff_of(users["mentor"], org),
        mentees=[staff_of(users["mentee"], org)],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="традиционная",
        pay=AgreementPay.PERCENT,
        pay_amount=15,
    )
    signature = "О. В. Смирнова"  # the director's line: «____________ О. В. Смирнова»
    two_pages = 0
    for sentences in range(4, 31, 2):
        agreement.content = SENTENCE * sentences
        pdf = render_pdf("roadmap/pdf/agreement.html", agreements.agreement_pdf_context(agreement))
        pages = [
            " ".join((page.extract_text() or "").split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        ]
        with_signature = [text for text in pages if signature in text]
        assert len(with_signature) == 1, sentences
        assert "7. Соглашение подписано сторонами" in with_signature[0], sentences
        assert "Работник вправе досрочно отказаться" in " ".join(pages)
        two_pages += len(pages) > 1
    assert two_pages, "the texts never reached the second page: the check proved nothing"
