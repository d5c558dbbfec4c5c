"""What a keyboard user sees (issue 27): the focus ring's contrast from computed styles."""

from __future__ import annotations

# In the page: the focused element's outline (or box-shadow ring) colour and the colour behind it
# (the nearest ancestor with a background: the outline is drawn outside the element).
RING_JS = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  let node = el.parentElement, back = [255, 255, 255, 1];
  while (node) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length === 3 || c[3] > 0)) { back = c; break; }
    node = node.parentElement;
  }
  return {
    name: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    outline: rgb(style.outlineColor), back: back,
  };
}
"""


def _luminance(rgb) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second) -> float:
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def focus_ring(page) -> dict:
    """The ring of the focused control: its name, width in px and contrast to the background."""
    ring = page.evaluate(RING_JS)
    visible = ring["outlineStyle"] not in ("none", "") and ring["outlineWidth"] >= 2
    alpha = ring["outline"][3] if len(ring["outline"]) > 3 else 1
    ring["contrast"] = contrast(ring["outline"], ring["back"]) if visible and alpha == 1 else 1.0
    return ring
