"""What an uploaded file of each kind starts with: a renamed program is refused by its content."""

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
ZIP = b"PK\x03\x04"  # the Office Open XML and OpenDocument formats

FILE_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".doc": (OLE,),
    ".xls": (OLE,),
    ".ppt": (OLE,),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".pptx": (ZIP,),
    ".odt": (ZIP,),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
