"""Clean HTML from the old site down to what a rich-text field's editor allows.

An allow-list sanitizer driven by the field's Wagtail features ("bold", "h2", "link", …):
it repairs broken markup (unclosed and stray tags), keeps the text of tags it does not
allow, drops scripts, styles and embedded objects with their content, and counts what it
removed so the import can report it. The result is then passed through Wagtail's own
Draftail conversion (``ContentstateConverter``), so it is exactly what the editor would
save for that field.
"""

import html
import re
from collections import Counter
from html.parser import HTMLParser

from django.utils.translation import gettext as _

# Feature → tags it allows (both spellings map to what Wagtail stores).
INLINE_FEATURES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "sup": "superscript",
    "sub": "subscript",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
}
INLINE_OUTPUT = {"strong": "b", "em": "i", "strike": "s", "del": "s"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
# Dropped together with everything inside them.
DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "head",
    "title",
    "form",
    "button",
    "select",
    "textarea",
    "svg",
    "math",
    "video",
    "audio",
    "canvas",
}
# Unknown elements that start a new paragraph (their text is kept).
BLOCKISH = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "center",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "dl",
    "dt",
    "dd",
    "pre",
    "address",
    "figure",
    "figcaption",
    "body",
    "html",
    "li",
    "blockquote",
    *HEADINGS,
    *LISTS,
}
CELLS = {"td", "th"}
CLOSES_P = {"p", "div", "ul", "ol", "table", "blockquote", "hr", "pre", "section", "article", "center", "dl", *HEADINGS}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#")
WHITESPACE = re.compile(r"\s+")


class Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag, attrs=None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = []


class TreeBuilder(HTMLParser):
    """A forgiving HTML → tree parser that notes the markup it had to repair."""

    def __init__(self, report):
        super().__init__(convert_charrefs=True)
        self.report = report
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        if tag in CLOSES_P and any(n.tag == "p" for n in self.stack[1:]):
            self._close("p")  # as in browsers: a block element ends the open paragraph
        if tag == "li" and self.stack[-1].tag == "li":
            self._close("li")
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if any(n.tag == tag for n in self.stack[1:]):
            self._close(tag)
        else:
            self.report[_("thẻ đóng thừa </%(tag)s>") % {"tag": tag}] += 1

    def _close(self, tag):
        while len(self.stack) > 1:
            node = self.stack.pop()
            if node.tag == tag:
                return
            if node.tag not in {"p", "li", "td", "th", "tr"}:  # optional end tags are not errors
                self.report[_("thẻ <%(tag)s> không đóng") % {"tag": node.tag}] += 1

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def close(self):
        super().close()
        for node in self.stack[1:]:
            if node.tag not in {"p", "li", "td", "th", "tr", "body", "html"}:
                self.report[_("thẻ <%(tag)s> không đóng") % {"tag": node.tag}] += 1
        self.stack = [self.root]


class Cleaner:
    def __init__(self, features):
        self.features = set(features)
        self.blocks = {"p"}
        self.blocks |= {h for h in HEADINGS if h in self.features}
        self.blocks |= {tag for tag in LISTS if tag in self.features}
        if "blockquote" in self.features:
            self.blocks.add("blockquote")
        self.inline = {tag for tag, feature in INLINE_FEATURES.items() if feature in self.features}

    def clean(self, source):
        """Return ``(html, report)``: the cleaned HTML and a Counter of what was removed."""
        report = Counter()
        builder = TreeBuilder(report)
        builder.feed(source or "")
        builder.close()
        blocks = self._blocks(builder.root.children, report)
        return "".join(blocks), report

    # Block context: returns a list of block-level HTML strings.
    def _blocks(self, nodes, report):
        out = []
        inline = []

        def flush():
            text = "".join(inline).strip()
            inline.clear()
            text = re.sub(r"^(<br/>\s*)+|(\s*<br/>)+$", "", text)
            if text:
                out.append(f"<p>{text}</p>")

        for node in nodes:
            if isinstance(node, str):
                inline.append(self._text(node))
                continue
            tag = node.tag
            if tag in DROP_WITH_CONTENT:
                self._dropped(report, tag, with_content=True)
            elif tag == "img":
                report[_("ảnh <img> (cần tải lại vào thư viện ảnh)")] += 1
            elif tag == "hr":
                flush()
                if "hr" in self.features:
                    out.append("<hr/>")
                else:
                    self._dropped(report, tag)
            elif tag == "p" or (tag in self.blocks and tag in HEADINGS):
                flush()
                self._unwanted_attrs(node, report)
                text = self._inline(node.children, report).strip()
                if text:
                    out.append(f"<{tag}>{text}</{tag}>")
            elif tag in LISTS and tag in self.blocks:
                flush()
                self._unwanted_attrs(node, report)
                items = self._list_items(node, report)
                if items:
                    out.append(f"<{tag}>{items}</{tag}>")
            elif tag == "blockquote" and tag in self.blocks:
                flush()
                text = self._inline(node.children, report).strip()
                if text:
                    out.append(f"<blockquote>{text}</blockquote>")
            elif tag in BLOCKISH:
                flush()
                self._unwanted_attrs(node, report)
                if tag not in {"div", "body", "html", "section", "article", "li", "tbody", "thead", "tr"}:
                    self._dropped(report, tag)
                out.extend(self._blocks(node.children, report))
            else:
                inline.append(self._inline([node], report))
        flush()
        return out

    def _list_items(self, node, report):
        items = []
        stray = []
        for child in node.children:
            if isinstance(child, Node) and child.tag == "li":
                if stray:
                    items.append("".join(stray))
                    stray = []
                self._unwanted_attrs(child, report)
                items.append(self._inline(child.children, report).strip())
            elif isinstance(child, Node) and child.tag in DROP_WITH_CONTENT:
                self._dropped(report, child.tag, with_content=True)
            else:
                stray.append(self._inline([child], report))
        if "".join(stray).strip():
            items.append("".join(stray).strip())
        return "".join(f"<li>{item}</li>" for item in items if item)

    # Inline context: returns an HTML string with allowed inline tags only.
    def _inline(self, nodes, report):
        parts = []
        for node in nodes:
            if isinstance(node, str):
                parts.append(self._text(node))
                continue
            tag = node.tag
            if tag in DROP_WITH_CONTENT:
                self._dropped(report, tag, with_content=True)
            elif tag == "br":
                parts.append("<br/>")
            elif tag == "img":
                report[_("ảnh <img> (cần tải lại vào thư viện ảnh)")] += 1
            elif tag in self.inline:
                self._unwanted_attrs(node, report)
                inner = self._inline(node.children, report)
                out = INLINE_OUTPUT.get(tag, tag)
                if inner.strip():
                    parts.append(f"<{out}>{inner}</{out}>")
                else:
                    parts.append(inner)
            elif tag == "a":
                parts.append(self._link(node, report))
            elif tag in CELLS:
                parts.append(self._inline(node.children, report) + " ")
            else:
                if tag in BLOCKISH:
                    parts.append(" ")
                self._dropped(report, tag)
                self._unwanted_attrs(node, report)
                parts.append(self._inline(node.children, report))
                if tag in BLOCKISH:
                    parts.append(" ")
        return "".join(parts)

    def _link(self, node, report):
        inner = self._inline(node.children, report)
        href = (node.attrs.get("href") or "").strip()
        if node.attrs.get("linktype") == "document" and "document-link" in self.features and node.attrs.get("id"):
            return f'<a linktype="document" id="{html.escape(node.attrs["id"])}">{inner}</a>'
        if "link" not in self.features or not href:
            self._dropped(report, "a")
            return inner
        if not href.lower().startswith(SAFE_SCHEMES):
            report[_("liên kết không an toàn (%(scheme)s)") % {"scheme": href.split(":", 1)[0][:20]}] += 1
            return inner
        extra = set(node.attrs) - {"href"}
        if extra:
            self._unwanted_attrs(node, report, allowed={"href"})
        return f'<a href="{html.escape(href)}">{inner}</a>'

    def _unwanted_attrs(self, node, report, allowed=()):
        for name in node.attrs:
            if name not in allowed:
                report[_("thuộc tính %(name)s") % {"name": name}] += 1

    @staticmethod
    def _dropped(report, tag, with_content=False):
        if with_content:
            report[_("thẻ <%(tag)s> (bỏ cả nội dung)") % {"tag": tag}] += 1
        else:
            report[_("thẻ <%(tag)s> (giữ chữ)") % {"tag": tag}] += 1

    @staticmethod
    def _text(text):
        return html.escape(WHITESPACE.sub(" ", text), quote=False)


def describe(report):
    """One line for the import report: "thẻ <script> (bỏ cả nội dung) ×1, …"."""
    return ", ".join(f"{what} ×{count}" for what, count in sorted(report.items()))


def clean_html(source, features):
    """Clean ``source`` for a rich-text field with ``features``; returns ``(html, report)``.

    The sanitised HTML goes through Wagtail's Draftail conversion so the stored value is
    what the editor itself would save.
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    cleaned, report = Cleaner(features).clean(source)
    if not cleaned:
        return "", report
    converter = ContentstateConverter(features=list(features))
    return converter.to_database_format(converter.from_database_format(cleaned)), report


def html_to_text(source):
    """Plain text for a text field: one paragraph per block, separated by a blank line."""
    cleaned, report = Cleaner([]).clean(source)
    paragraphs = re.findall(r"<p>(.*?)</p>", cleaned, flags=re.S)
    text = "\n\n".join(html.unescape(re.sub(r"<br/>", "\n", re.sub(r"<(?!br/)[^>]+>", "", p))) for p in paragraphs)
    return text.strip(), report
