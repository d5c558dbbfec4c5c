"""One signed document: an abstract model, one sign service, one verify page, one download.

Orders, mentors' agreements, the final report and the roadmap approval are all signed the same
way: the signer types her password again (counted and locked like the login), the document gets
a verification code, its PDF is rendered once with a QR code and stored with its SHA-256, and an
audit entry is written. Anyone can then check it by the QR link, by the typed code or by
uploading the file.

The higher apps describe their documents in ``<app>/signed_documents.py`` with
``registry.register(DocumentKind(...))``; this package never imports them.
"""
