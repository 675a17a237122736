//! Every place in the Desk UI a widget can be put, from `desk-platform.md`.

use crate::suggest::{related, suggest};
use std::fmt;

/// One widget location of the platform, such as `desk.ticket.detail.rightpanel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The location's name, as a manifest's `location` key spells it.
    pub name: &'static str,
    /// The part of Desk it belongs to, for documentation.
    pub group: &'static str,
}

const fn at(group: &'static str, name: &'static str) -> Location {
    Location { name, group }
}

/// Every fixed location of the platform: the reference's 19 first, then the rest that the
/// Desk extension guide and the official toolkit list. Custom-module subtabs are a pattern,
/// [`CUSTOM_MODULE_SUBTAB`], not entries here.
pub static LOCATIONS: &[Location] = &[
    at("ticket detail", "desk.ticket.detail.rightpanel"),
    at("ticket detail", "desk.ticket.detail.subtab"),
    at("ticket detail", "desk.ticket.detail.lefttab"),
    at("ticket detail", "desk.ticket.detail.moreaction"),
    at("ticket detail", "desk.ticket.thread.moreaction"),
    at("contact detail", "desk.contact.detail.rightpanel"),
    at("contact detail", "desk.contact.detail.subtab"),
    at("contact detail", "desk.contact.detail.lefttab"),
    at("contact detail", "desk.contact.detail.moreaction"),
    at("account detail", "desk.account.detail.rightpanel"),
    at("account detail", "desk.account.detail.subtab"),
    at("account detail", "desk.account.detail.lefttab"),
    at("account detail", "desk.account.detail.moreaction"),
    at("forms", "desk.ticket.form.rightpanel"),
    at("forms", "desk.contact.form.rightpanel"),
    at("forms", "desk.account.form.rightpanel"),
    at("product level", "desk.background"),
    at("product level", "desk.bottomband"),
    at("product level", "desk.extension.telephony"),
    // Not in the event reference: from the extension guide and the toolkit.
    at("forms", "desk.ticket.form.sidepanel"),
    at("forms", "desk.contact.form.sidepanel"),
    at("forms", "desk.account.form.sidepanel"),
    at("product level", "desk.topband"),
    at("product level", "desk.extension.preference"),
    at("other desk", "desk.ticket.blueprint.transition"),
    at("other desk", "desk.invisible"),
    at("other desk", "desk.kb.article.detail.subtab"),
    at("other desk", "desk.kb.managekb.lefttab"),
    at("help center", "helpcenter.homepage"),
    at("help center", "helpcenter.invisible"),
    at("help center", "helpcenter.ticket.detail"),
    at("help center", "helpcenter.ticket.form"),
    at("help center", "helpcenter.ticket.list"),
    at("help center", "helpcenter.kb.homepage"),
    at("help center", "helpcenter.kb.article.list"),
    at("help center", "helpcenter.kb.article.detail"),
    at("help center", "helpcenter.community.homepage"),
    at("help center", "helpcenter.community.topic.list"),
    at("help center", "helpcenter.community.topic.detail"),
];

/// The pattern of a custom module's detail subtab, `desk.{moduleApiName}.detail.subtab`.
pub const CUSTOM_MODULE_SUBTAB: &str = "desk.{moduleApiName}.detail.subtab";

/// A location a widget may declare: a fixed one, or a custom module's subtab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationRef<'a> {
    /// One of [`LOCATIONS`].
    Fixed(&'static Location),
    /// `desk.{module}.detail.subtab` for a custom module's API name.
    CustomModuleSubtab {
        /// The whole location name.
        name: &'a str,
        /// The custom module's API name.
        module: &'a str,
    },
}

impl<'a> LocationRef<'a> {
    /// The location's name as declared.
    pub fn name(&self) -> &'a str {
        match *self {
            LocationRef::Fixed(location) => location.name,
            LocationRef::CustomModuleSubtab { name, .. } => name,
        }
    }
}

/// A location name the platform does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocation {
    /// The name as given.
    pub name: String,
    /// The known location it most likely means, if one is close enough to be sure.
    pub suggestion: Option<&'static str>,
    /// When there is no suggestion, the few locations that share the most words with the name
    /// ([`crate::related`]): `desk.ticket.rightpanel` -> `desk.ticket.detail.rightpanel` and
    /// `desk.ticket.form.rightpanel`. Empty when too many do for the list to help.
    pub related: Vec<&'static str>,
}

impl fmt::Display for UnknownLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown widget location `{}`", self.name)?;
        match (self.suggestion, self.related.as_slice()) {
            (Some(suggestion), _) => write!(f, "; did you mean `{suggestion}`?"),
            (None, []) => Ok(()),
            (None, related) => write!(
                f,
                "; the locations with the same words: `{}`",
                related.join("`, `")
            ),
        }
    }
}

impl std::error::Error for UnknownLocation {}

/// Looks up a widget location by its exact (case-sensitive) name.
///
/// ```
/// use desk_catalog::{location, LocationRef};
///
/// assert!(matches!(location("desk.bottomband"), Ok(LocationRef::Fixed(_))));
/// assert!(matches!(
///     location("desk.cm_projects.detail.subtab"),
///     Ok(LocationRef::CustomModuleSubtab { module: "cm_projects", .. })
/// ));
/// let typo = location("desk.ticket.detail.rightpanle").unwrap_err();
/// assert_eq!(typo.suggestion, Some("desk.ticket.detail.rightpanel"));
/// let missing_word = location("desk.ticket.rightpanel").unwrap_err();
/// assert_eq!(
///     missing_word.related,
///     ["desk.ticket.detail.rightpanel", "desk.ticket.form.rightpanel"]
/// );
/// ```
///
/// # Errors
///
/// [`UnknownLocation`], with a suggestion when a known location is close, or else the
/// locations that share its words.
pub fn location(name: &str) -> Result<LocationRef<'_>, UnknownLocation> {
    if let Some(fixed) = LOCATIONS.iter().find(|l| l.name == name) {
        return Ok(LocationRef::Fixed(fixed));
    }
    let suggestion = suggest(name, LOCATIONS.iter().map(|l| l.name));
    // A custom module's API name is any identifier, so `desk.tikcet.detail.subtab` would pass
    // as one. Decision: a name that is close to a fixed location is taken as a typo of it,
    // since a custom module named like a built-in one is far less likely than a typo.
    if suggestion.is_none()
        && let Some(module) = custom_module(name)
    {
        return Ok(LocationRef::CustomModuleSubtab { name, module });
    }
    let related = match suggestion {
        Some(_) => Vec::new(),
        None => related(name, LOCATIONS.iter().map(|l| l.name)),
    };
    Err(UnknownLocation {
        name: name.to_owned(),
        suggestion,
        related,
    })
}

/// The module of `desk.{module}.detail.subtab`, when `module` is an API name.
fn custom_module(name: &str) -> Option<&str> {
    let module = name.strip_prefix("desk.")?.strip_suffix(".detail.subtab")?;
    crate::is_api_name(module).then_some(module)
}

/// The locations where the SDK's `ZOHODESK.invoke("ROUTE_TO", ...)` works (desk-platform.md).
pub const ROUTE_TO_LOCATIONS: &[&str] = &[
    "desk.topband",
    "desk.ticket.detail.subtab",
    "desk.ticket.detail.lefttab",
    "desk.bottomband",
    "desk.extension.telephony",
];

/// Where a ticket's data (`ZOHODESK.get("ticket...")`, `set("ticket.comment")`, inserting into the
/// reply editor) is available (`docs/reference/desk-sdk.md`): the ticket detail page's
/// `rightpanel`, `subtab` and `lefttab`, and the product-level locations "while a ticket detail
/// page is open". Decision: the ticket's more-action menus are not listed by any source, so they
/// are not here; from the product-level locations the calls compile and fail when no ticket is
/// open.
pub const TICKET_DATA_LOCATIONS: &[&str] = &[
    "desk.ticket.detail.rightpanel",
    "desk.ticket.detail.subtab",
    "desk.ticket.detail.lefttab",
    "desk.background",
    "desk.bottomband",
    "desk.extension.telephony",
    "desk.topband",
    "desk.extension.preference",
];

/// Where the add-ticket form's fields can be set (`set("ticketForm.phone")`). Decision: the
/// form's panels (the sources name the property, not its locations).
pub const TICKET_FORM_LOCATIONS: &[&str] =
    &["desk.ticket.form.rightpanel", "desk.ticket.form.sidepanel"];

/// Where the add-contact form's fields can be set (`set("contactForm.phone")`), as for the
/// ticket form.
pub const CONTACT_FORM_LOCATIONS: &[&str] = &[
    "desk.contact.form.rightpanel",
    "desk.contact.form.sidepanel",
];

/// Whether `ROUTE_TO` works at `location`; a `const fn`, so that the runtime can refuse it at
/// compile time for widgets elsewhere.
///
/// ```
/// assert!(desk_catalog::route_to_allowed("desk.bottomband"));
/// assert!(!desk_catalog::route_to_allowed("desk.ticket.detail.rightpanel"));
/// ```
pub const fn route_to_allowed(location: &str) -> bool {
    let mut i = 0;
    while i < ROUTE_TO_LOCATIONS.len() {
        if const_eq(ROUTE_TO_LOCATIONS[i], location) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether two strings are equal, in a constant (`==` on `str` is not `const`): what the
/// catalog's constant lookups and the checks `#[desk_widget]` leaves to the compiler compare
/// names with.
///
/// ```
/// const SAME: bool = desk_catalog::const_eq("call.ringing", "call.ringing");
/// assert!(SAME && !desk_catalog::const_eq("call.ringing", "call.ringin"));
/// ```
#[must_use]
pub const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
