//! HTML written by Desk users, which a widget must not put into its page as it is, and
//! escaping for everything else a widget writes into its page.

use serde::Deserialize;

/// HTML that arrives from Desk (a comment's body, a response template's content): written by
/// users, so it may carry scripts or markup meant to break out of the widget's page.
///
/// There is deliberately no `Display` and no `Deref<Target = str>`: every read says what it
/// does. [`UntrustedHtml::escaped`] makes it safe to insert as HTML (the markup shows as
/// text); with the `sanitize` feature, `UntrustedHtml::sanitized` keeps harmless markup and
/// `UntrustedHtml::text` keeps none.
///
/// ```
/// use desk_runtime::html::UntrustedHtml;
///
/// let comment = UntrustedHtml::new("<div>Hi <img src=x onerror=alert(1)></div>");
/// assert_eq!(
///     comment.escaped(),
///     "&lt;div&gt;Hi &lt;img src=x onerror=alert(1)&gt;&lt;/div&gt;"
/// );
/// assert_eq!(comment.as_untrusted_str(), "<div>Hi <img src=x onerror=alert(1)></div>");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(transparent)]
pub struct UntrustedHtml(String);

crate::json::by_serde!(UntrustedHtml);

impl UntrustedHtml {
    /// Wraps HTML from an untrusted source.
    pub fn new(html: impl Into<String>) -> Self {
        UntrustedHtml(html.into())
    }

    /// The HTML exactly as Desk sent it: for storing or forwarding it, never for a page.
    pub fn as_untrusted_str(&self) -> &str {
        &self.0
    }

    /// The HTML exactly as Desk sent it, owned.
    pub fn into_untrusted_string(self) -> String {
        self.0
    }

    /// The HTML escaped for insertion into a page as HTML text: `<`, `>`, `&`, `"` and `'`
    /// become entities, so the markup is shown, not run.
    pub fn escaped(&self) -> String {
        escape(&self.0)
    }

    /// The HTML with everything that can run or load removed (scripts, event handlers,
    /// `javascript:` links, styles), keeping harmless markup. Uses `ammonia`'s defaults.
    #[cfg(feature = "sanitize")]
    pub fn sanitized(&self) -> String {
        ammonia::clean(&self.0)
    }

    /// The HTML's text without any markup, itself escaped for insertion as HTML.
    #[cfg(feature = "sanitize")]
    pub fn text(&self) -> String {
        ammonia::Builder::empty().clean(&self.0).to_string()
    }
}

/// Escapes text for an HTML text node or a quoted attribute value.
///
/// ```
/// assert_eq!(
///     desk_runtime::html::escape(r#"<a href="x">&'"#),
///     "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
/// );
/// ```
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}
