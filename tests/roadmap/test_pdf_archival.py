"""PDFs read back with pypdf: ГОСТ Р 7.0.97 layout, PDF/A-3a identification, tags, attachment.

The page number is looked for by position (pypdf's text visitor gives each string's baseline):
top centre from page 2, none on page 1. Expectations are written here by hand.
"""

import io
import json

import pytest
from pypdf import PdfReader

from roadmap.models import OrderFile
from tests.roadmap.factories import signed

pytestmark = [pytest.mark.django_db, pytest.mark.real_pdf]

A4_HEIGHT = 842  # points
A4_WIDTH = 595
TOP_MARGIN = 20 / 25.4 * 72  # 20 mm


def _strings(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of every string drawn on the page, in PDF points."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


def _top_margin_text(page) -> list[tuple[str, float]]:
    height = float(page.mediabox.height)
    return [(t, x) for t, x, y in _strings(page) if y > height - TOP_MARGIN]


@pytest.fixture
def order(org, users, esign):
    return signed(org, users["curator"], users["director"])


@pytest.fixture
def reader(order):
    return PdfReader(io.BytesIO(bytes(OrderFile.objects.get(order=order).content)))


def test_pages_are_numbered_top_centre_from_the_second(reader):
    assert len(reader.pages) >= 3
    assert _top_margin_text(reader.pages[0]) == []  # the first page carries no number
    for number, page in enumerate(reader.pages[1:], start=2):
        width = float(page.mediabox.width)
        top = _top_margin_text(page)
        assert [t for t, _ in top] == [str(number)]
        # centred: the number's left edge lies within a few points of the text area's middle
        middle = (20 / 25.4 * 72 + width - 10 / 25.4 * 72) / 2
        assert abs(top[0][1] - middle) < 12


def test_the_signature_block_shares_its_page_with_the_orders_last_paragraph(order, reader):
    last_paragraph = [line for line in order.body.splitlines() if line.strip()][-1]
    tail = " ".join(last_paragraph.split()[-3:])
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    with_stamp = [i for i, text in enumerate(pages) if "Документ подписан простой" in text]
    assert len(with_stamp) == 1
    assert tail in pages[with_stamp[0]]
    assert "М. П. Иванова" in pages[with_stamp[0]]


def test_the_file_says_it_is_pdf_a_3a_with_title_author_and_language(order, reader, org):
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert f"№ {order.number_text}" in xmp  # dc:title
    assert org.full_name.replace('"', "&quot;") in xmp or org.full_name in xmp  # dc:creator
    assert "<rdf:li>ru</rdf:li>" in xmp  # dc:language
    assert f"{order.order_date:%Y-%m-%d}" in xmp  # xmp:CreateDate
    assert reader.trailer["/Root"]["/Lang"] == "ru"


def test_the_file_is_tagged_and_its_fonts_are_embedded(reader):
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_the_signature_record_is_attached_as_json(order, reader):
    assert list(reader.attachments) == ["signature.json"]
    record = json.loads(reader.attachments["signature.json"][0])
    assert record["number"] == order.number_text
    assert record["signer"] == order.signer_name
    assert record["text_sha256"] == order.text_sha256
    assert record["verify_code"] == order.verify_code
    assert record["signed_at"].startswith(f"{order.signed_at:%Y-%m-%d}")
    assert reader.trailer["/Root"]["/AF"][0].get_object()["/AFRelationship"] == "/Data"


def test_the_annex_carries_the_approval_stamp_top_right(order, reader, org):
    annex = next(
        p
        for p in reader.pages
        if "Положение о системе наставничества" in p.extract_text()
        and "УТВЕРЖДЕНО" in p.extract_text()
    )
    words = {t: (x, y) for t, x, y in _strings(annex)}
    stamp = next((x, y) for t, (x, y) in words.items() if t.startswith("УТВЕРЖДЕНО"))
    assert stamp[0] > float(annex.mediabox.width) / 2  # the right half of the page
    assert stamp[1] > float(annex.mediabox.height) * 0.75  # at the top
    text = " ".join(annex.extract_text().split())
    assert f"приказом {org.name_in('gen', short=True)}" in text
    assert f"от {order.order_date:%d.%m.%Y} № {order.number_text}" in text


def test_the_pairs_order_lists_its_pairs_in_an_annex_table_numbered_per_year(
    org, users, regulation
):
    from mentoring.models import ConsentKind, PairStatus
    from roadmap import services
    from roadmap.models import OrderKind
    from tests.factories import PASSWORD
    from tests.mentoring import factories as f

    pairs = []
    for surname, mentee_surname in (("Петрова", "Соколова"), ("Орлова", "Зайцева")):
        mentor, mentee = f.mentor(org, last_name=surname), f.mentee(org, last_name=mentee_surname)
        pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
        f.consent(mentor.staff, ConsentKind.MENTOR_DUTIES)
        f.consent(mentee.staff)
        for person in (mentor.staff, mentee.staff):
            f.consent(person, ConsentKind.PAIR_DUTIES, pair=pair)
        pairs.append(pair)
    assert [p.number for p in pairs] == [1, 2]  # not the database ids
    order = services.order_draft(
        organization=org, kind=OrderKind.FIX_PAIRS, author=users["curator"], subjects=pairs
    )
    assert "согласно приложению 1" in order.body and "Петрова" not in order.body
    services.order_send(order=order, actor=users["curator"])
    services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    content = bytes(OrderFile.objects.get(order=order).content)
    reader = PdfReader(io.BytesIO(content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = next(page for page in pages if "Форма наставничества" in page)
    for header in ("№", "Наставник", "Наставляемый (наставляемые)", "Форма наставничества", "Срок"):
        assert header in text
    assert "Петрова" in text and "Соколова" in text and "Орлова" in text and "Зайцева" in text
    assert text.index("Петрова") < text.index("Орлова")
    assert "к приказу" in text and f"№ {order.number_text}" in text
