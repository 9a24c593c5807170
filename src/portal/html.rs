//! The one place HTML is written. Markup comes only from `&'static str` (the templates in this module's callers);
//! every text from the answers (names, paths, dates) goes through [`Html::text`] or an attribute method, which escape
//! it, so a class or repository named `<script>alert(1)</script>` renders as text.

use std::fmt::Write as _;

/// A page (or fragment) being written.
#[derive(Default)]
pub struct Html {
    buf: String,
}

/// Escapes `&`, `<`, `>`, `"` and `'`: safe in element content and in double- or single-quoted attributes.
pub fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

impl Html {
    pub fn with_capacity(n: usize) -> Html {
        Html { buf: String::with_capacity(n) }
    }

    /// Template markup. `'static` so that no text computed from the answers can be written unescaped.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.buf.push_str(markup);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.buf, s);
        self
    }

    pub fn num(&mut self, n: u64) -> &mut Self {
        let _ = write!(self.buf, "{n}");
        self
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        escape_into(&mut self.buf, value);
        self.buf.push('"');
        self
    }

    /// `<a href="href">text</a>`, both escaped.
    pub fn link(&mut self, href: &str, text: &str) -> &mut Self {
        self.raw("<a").attr("href", href).raw(">").text(text).raw("</a>")
    }

    pub fn into_string(self) -> String {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::default();
        h.raw("<p").attr("title", "a\"b'c").raw(">").text("<script>alert(1)</script> & co").raw("</p>");
        assert_eq!(h.into_string(), "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>");
    }

    #[test]
    fn links_escape_href_and_text() {
        let mut h = Html::default();
        h.link("x.html?a=1&b=\"", "<b>");
        assert_eq!(h.into_string(), "<a href=\"x.html?a=1&amp;b=&quot;\">&lt;b&gt;</a>");
    }
}
