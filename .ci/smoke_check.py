"""Walk a production deployment started by .ci/smoke as every demo role (stdlib only).

Every request carries ``X-Forwarded-Proto: https`` as nginx would send it; cookies are kept by
hand because the session cookie is Secure and the test talks plain HTTP to gunicorn.
"""

import argparse
import email
import email.policy
import http.client
import json
import mailbox
import re
import sys
import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

DEMO = {
    "director": "director-2026",
    "curator": "curator-2026",
    "mentor": "mentor-2026",
    "mentee": "mentee-2026",
    "council": "council-2026",
    "admin": "admin-2026",
}


class Links(HTMLParser):
    """Menu links (nav-link and dropdown-item) and the CSRF token of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.csrf = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class", "") or ""
        href = attrs.get("href") or ""
        menu = "nav-link" in classes or "dropdown-item" in classes
        if tag == "a" and menu and href.startswith("/") and "logout" not in href:
            self.links.append(href)
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf = attrs.get("value")


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, method, path, data=None, base=None, headers=None):
        parts = urlsplit(base or self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        sent = {
            "X-Forwarded-Proto": "https",
            "Host": parts.netloc,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{parts.netloc}"
            sent["Referer"] = f"https://{parts.netloc}{path}"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, response.getheader("Location"), text

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post_form(self, page_path, action, fields, **kw):
        status, _, html = self.get(page_path, **kw)
        assert status == 200, (page_path, status)
        parser = Links()
        parser.feed(html)
        assert parser.csrf, f"no CSRF token on {page_path}"
        return self.request("POST", action, {"csrfmiddlewaretoken": parser.csrf, **fields}, **kw)


def wait_healthy(base: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, _, text = Browser(base).get("/health/", headers={"Accept": "application/json"})
            if status == 200:
                print(f"health {base}: {text}")
                return
        except OSError:
            status = "no answer"
        if time.monotonic() > deadline:
            raise SystemExit(f"/health/ on {base} is not 200: {status}")
        time.sleep(1)


def login(base: str, username: str) -> Browser:
    browser = Browser(base)
    status, location, _ = browser.post_form(
        "/accounts/login/", "/accounts/login/", {"username": username, "password": DEMO[username]}
    )
    assert status == 302 and location == "/", (username, status, location)
    return browser


def walk(browser: Browser, username: str) -> int:
    status, _, html = browser.get("/")
    assert status == 200, (username, "/", status)
    parser = Links()
    parser.feed(html)
    pages = sorted(set(parser.links))
    assert len(pages) >= 2, (username, pages)
    for path in pages:
        status, location, _ = browser.get(path)
        assert status == 200, f"{username}: GET {path} answered {status} {location or ''}"
    return len(pages)


def wait_for_letter(
    maildir: str, subject: str, containing: str = "", seconds: int = 60
) -> email.message.Message:
    """The first letter whose subject starts with ``subject`` and whose text has ``containing``
    (the seeding's own letters arrive at the same catcher)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in mailbox.Maildir(maildir, factory=None, create=False):
            parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
            if str(parsed["Subject"]).strip().startswith(subject) and containing in text_of(parsed):
                return parsed
        time.sleep(0.5)
    raise SystemExit(f"No letter «{subject}…» arrived at the SMTP catcher in {seconds} s.")


def text_of(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("letter without a text part")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--a", required=True)
    parser.add_argument("--b", required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()

    for base in (args.a, args.b):
        wait_healthy(base)

    sessions = {}
    for username in DEMO:
        sessions[username] = login(args.a, username)
        print(f"{username}: {walk(sessions[username], username)} pages answered 200")

    # A session made on node A is valid on node B (sessions live in the database).
    curator = sessions["curator"]
    status, location, html = curator.get("/", base=args.b)
    assert status == 200, ("session on B", status, location)
    print("session from A works on B")

    # The curator drafts an order (the demo's own orders are signed already) and sends it for
    # signature (on node B) ...
    status, location, _ = curator.post_form(
        "/roadmap/orders/new/", "/roadmap/orders/new/", {"kind": "approve_regulation"}, base=args.b
    )
    found = re.fullmatch(r"/roadmap/orders/(\d+)/edit/", location or "")
    assert status == 302 and found, ("draft an order", status, location)
    order_path = f"/roadmap/orders/{found.group(1)}/"
    status, location, _ = curator.post_form(order_path, f"{order_path}send/", {}, base=args.b)
    assert status == 302, ("send", status, location)
    status, _, html = curator.get(order_path, base=args.b)
    assert "Приказ отправлен руководителю на подпись." in html, "the order was not sent"

    # ... the worker mails the director, and the link in the letter opens the order.
    letter = wait_for_letter(args.maildir, "Приказ ждёт вашей подписи", containing=order_path)
    body = text_of(letter)
    links = re.findall(r"(http://127\.0\.0\.1:\d+/\S+)", body)
    order_links = [link for link in links if order_path in link]
    assert order_links, f"no link to {order_path} in the letter:\n{body}"
    link = urlsplit(order_links[0])
    status, _, html = sessions["director"].get(link.path, base=f"http://{link.netloc}")
    assert status == 200 and "Подписать" in html, ("letter link", status)
    print(f"the director's letter arrived ({letter['Subject']!s}) and its link opens the order")

    # A heavy export is a background job: the request only queues it (well under a second),
    # the Celery worker makes the file, the progress fragment offers it, the owner downloads it.
    started = time.monotonic()
    status, location, _ = curator.get("/monitoring/export/statistics.csv", base=args.b)
    took = time.monotonic() - started
    assert status == 302 and location and "/jobs/" in location, ("export", status, location)
    assert took < 1.5, f"queuing the export took {took:.2f} s"
    job_path = urlsplit(location).path
    deadline = time.monotonic() + 60
    while True:
        status, _, html = curator.get(job_path + "progress/")
        assert status == 200, ("job progress", status)
        if "Скачать файл" in html:
            break
        assert "alert-danger" not in html, f"the export job failed:\n{html}"
        if time.monotonic() > deadline:
            raise SystemExit("The export job did not finish in 60 s: is the worker running?")
        time.sleep(1)
    status, _, text = curator.get(job_path + "download/")
    assert status == 200 and text.startswith("\ufeffРоль;"), ("job download", status, text[:40])
    status, _, _ = sessions["director"].get(job_path + "download/")
    assert status == 404, ("someone else's job file", status)
    print(f"export queued in {took:.2f} s, made by the worker, downloaded by its owner only")

    # One JSON line per request in the log.
    with open(args.log, encoding="utf-8") as log:
        lines = [line for line in log if '"logger": "dou.request"' in line]
    assert lines, "no JSON request log line"
    entry = json.loads(lines[-1])
    assert {"path", "status", "duration_ms", "user_id"} <= set(entry), entry
    print("JSON request log:", lines[-1].strip()[:160])
    print("smoke check passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"smoke check failed: {error}", file=sys.stderr)
        sys.exit(1)
