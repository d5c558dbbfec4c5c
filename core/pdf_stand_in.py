"""A cheap stand-in for WeasyPrint in tests: a small valid PDF carrying the rendered page's text.

Used by ``core.pdf.render_pdf`` only while ``settings.PDF_STAND_IN`` is on, which only
``tests/conftest.py`` does (production settings pin it off). Tests that read a PDF's words back
with pypdf still find them; layout, fonts and QR codes need the real renderer
(``@pytest.mark.real_pdf``).

Each block element of the HTML becomes one line (a table row is one line, its cells joined by
spaces), an element of class ``page-break`` or ``annex`` starts a new page, and a page holds at
most ``LINES_PER_PAGE`` lines. The text is written with a Type0 font whose ToUnicode map names
every character used, so text extraction returns it exactly, Cyrillic included.
"""

import zlib
from html.parser import HTMLParser

LINES_PER_PAGE = 60
PRODUCER = "PDF stand-in of the tests (not WeasyPrint)"

_LINE_BREAKS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tr",
        "ul",
    }
)
_CELLS = frozenset({"td", "th"})
_HIDDEN = frozenset({"head", "script", "style", "title"})
_NEW_PAGE_CLASSES = frozenset({"page-break", "annex"})
_PAGE_BREAK = object()


class _Text(HTMLParser):
    """The visible text of an HTML page as lines, with page breaks between them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list = []
        self._words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self._hidden += 1
            return
        if tag in _CELLS:
            self._words.append(" ")
        elif tag in _LINE_BREAKS:
            self.end_line()
        classes = set((dict(attrs).get("class") or "").split())
        if classes & _NEW_PAGE_CLASSES:
            self.end_line()
            self.items.append(_PAGE_BREAK)

    def handle_startendtag(self, tag, attrs):
        if tag in _LINE_BREAKS:
            self.end_line()

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in _CELLS:
            self._words.append(" ")
        elif tag in _LINE_BREAKS:
            self.end_line()

    def handle_data(self, data):
        if not self._hidden:
            self._words.append(data)

    def end_line(self):
        line = " ".join("".join(self._words).split())
        if line:
            self.items.append(line)
        self._words = []


def _pages(html: str) -> list[list[str]]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.end_line()
    pages: list[list[str]] = [[]]
    for item in parser.items:
        if item is _PAGE_BREAK or len(pages[-1]) == LINES_PER_PAGE:
            if pages[-1]:
                pages.append([])
            if item is _PAGE_BREAK:
                continue
        pages[-1].append(item)
    return pages


def _codes(text: str) -> str:
    """Two bytes per character (Identity-H); a character beyond the BMP becomes «?»."""
    return "".join(f"{ord(c) if ord(c) < 0x10000 else ord('?'):04X}" for c in text)


def _to_unicode(characters: set[str]) -> bytes:
    """The CMap that tells a reader which character each two-byte code is."""
    codes = sorted({ord(c) if ord(c) < 0x10000 else ord("?") for c in characters} | {0x20})
    chunks = []
    for start in range(0, len(codes), 100):  # at most 100 entries per block
        part = codes[start : start + 100]
        entries = "\n".join(f"<{code:04X}> <{code:04X}>" for code in part)
        chunks.append(f"{len(part)} beginbfchar\n{entries}\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(chunks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data)
    return (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    )


def stand_in_pdf(html: str) -> bytes:
    """A valid A4 PDF whose extracted text is the visible text of ``html``, line by block."""
    pages = _pages(html)
    characters = {c for page in pages for line in page for c in line}
    font, descendant, cmap = 3, 4, 5
    first_page = 6  # then each page's object and its content stream
    page_refs = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{page_refs}] /Count {len(pages)} >>".encode(),
        f"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
        f"/DescendantFonts [{descendant} 0 R] /ToUnicode {cmap} 0 R >>".encode(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        _stream(_to_unicode(characters)),
    ]
    for index, lines in enumerate(pages):
        operations = ["BT", "/F1 9 Tf", "11 TL", "40 800 Td"]
        operations += [f"<{_codes(line)}> Tj T*" for line in lines]
        operations.append("ET")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> "
            f"/Contents {first_page + 2 * index + 1} 0 R >>".encode()
        )
        objects.append(_stream("\n".join(operations).encode()))
    info = len(objects) + 1
    objects.append(f"<< /Producer ({PRODUCER}) >>".encode())

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info,
        xref,
    )
    return bytes(out)
