//! Every widget location as a type, and what the platform allows at each: calls that work at
//! some locations only are bounded by these traits, so that a call from anywhere else does not
//! compile (`cargo check` included), with the error at the call.
//!
//! `#[desk_widget(location = "desk.bottomband")]` sets the widget's
//! [`Widget::Location`](crate::Widget::Location) to [`desk_bottomband`]; the types are named
//! after the locations, dots written as `_`, so that the compiler's messages name the location.
//!
//! ```
//! use desk_runtime::location::{Location, RouteTo, desk_bottomband};
//!
//! fn routes<L: RouteTo>() -> &'static str { L::NAME }
//! assert_eq!(routes::<desk_bottomband>(), "desk.bottomband");
//! ```
//!
//! ```compile_fail,E0277
//! use desk_runtime::location::{RouteTo, desk_ticket_detail_rightpanel};
//!
//! fn routes<L: RouteTo>() {}
//! routes::<desk_ticket_detail_rightpanel>(); // `ROUTE_TO` does not work there
//! ```
#![allow(non_camel_case_types)]

/// A widget location, as a type.
pub trait Location {
    /// The location's name as the manifest spells it; for custom-module subtabs, the pattern
    /// [`desk_catalog::CUSTOM_MODULE_SUBTAB`].
    const NAME: &'static str;
}

/// The locations where `ZOHODESK.invoke("ROUTE_TO", ...)` works
/// ([`desk_catalog::ROUTE_TO_LOCATIONS`]).
#[diagnostic::on_unimplemented(
    message = "`ROUTE_TO` does not work at `{Self}`",
    label = "`ROUTE_TO` called for a widget at `{Self}`",
    note = "`ROUTE_TO` works at `desk.topband`, `desk.ticket.detail.subtab`, `desk.ticket.detail.lefttab`, `desk.bottomband` and `desk.extension.telephony` only"
)]
pub trait RouteTo: Location {}

/// Where a ticket's data can be read: the ticket detail page's `rightpanel`, `subtab` and
/// `lefttab`, and the product-level locations while a ticket detail page is open (calls from
/// those compile and fail when no ticket is open): [`desk_catalog::TICKET_DATA_LOCATIONS`].
#[diagnostic::on_unimplemented(
    message = "a ticket's data (its properties, comments, reply editor) is not available at `{Self}`",
    note = "a ticket's data is at `desk.ticket.detail.rightpanel`, `.subtab` and `.lefttab`, and at the product-level locations while a ticket is open"
)]
pub trait TicketData: Location {}

/// Calls `$callback!($($arguments)* [the types of the locations where a ticket's data is
/// available])`: the one list that [`TicketData`] and the ticket's properties are implemented
/// from (a test holds it equal to the catalog's).
macro_rules! with_ticket_data_locations {
    ($callback:ident!($($arguments:tt)*)) => {
        $callback! { $($arguments)* [
            desk_ticket_detail_rightpanel
            desk_ticket_detail_subtab
            desk_ticket_detail_lefttab
            desk_background
            desk_bottomband
            desk_extension_telephony
            desk_topband
            desk_extension_preference
        ] }
    };
}
pub(crate) use with_ticket_data_locations;

macro_rules! implement {
    ($capability:ident [$($location:ident)*]) => {
        // Not listed in a refusal's message: the trait's note says where, once.
        $(#[diagnostic::do_not_recommend] impl $capability for $location {})*
    };
}
with_ticket_data_locations! { implement!(TicketData) }

/// A modal's page ([`crate::modal::MODAL_LOCATION`]): not a manifest location, and none of the
/// location-bound calls are known to work there.
#[derive(Debug, Clone, Copy)]
pub enum modal {}

impl Location for modal {
    const NAME: &'static str = crate::modal::MODAL_LOCATION;
}

/// The add-ticket form's panels ([`desk_catalog::TICKET_FORM_LOCATIONS`]).
#[diagnostic::on_unimplemented(message = "the add-ticket form is not at `{Self}`")]
pub trait TicketForm: Location {}

/// The add-contact form's panels ([`desk_catalog::CONTACT_FORM_LOCATIONS`]).
#[diagnostic::on_unimplemented(message = "the add-contact form is not at `{Self}`")]
pub trait ContactForm: Location {}

/// Declares one type per location, with the capability traits it implements, and the list the
/// tests compare with the catalog.
macro_rules! locations {
    ($($marker:ident = $name:literal $(=> $($capability:ident),+)?;)*) => {
        $(
            #[doc = concat!("`", $name, "`")]
            #[derive(Debug, Clone, Copy)]
            pub enum $marker {}

            impl Location for $marker {
                const NAME: &'static str = $name;
            }

            $($(#[diagnostic::do_not_recommend] impl $capability for $marker {})+)?
        )*

        /// Each fixed location type's name and capabilities, for the tests against the catalog.
        #[doc(hidden)]
        pub const ALL: &[(&str, &[&str])] = &[
            $(($name, &[$($(stringify!($capability)),+)?]),)*
        ];
    };
}

locations! {
    desk_ticket_detail_rightpanel = "desk.ticket.detail.rightpanel";
    desk_ticket_detail_subtab = "desk.ticket.detail.subtab" => RouteTo;
    desk_ticket_detail_lefttab = "desk.ticket.detail.lefttab" => RouteTo;
    desk_ticket_detail_moreaction = "desk.ticket.detail.moreaction";
    desk_ticket_thread_moreaction = "desk.ticket.thread.moreaction";
    desk_contact_detail_rightpanel = "desk.contact.detail.rightpanel";
    desk_contact_detail_subtab = "desk.contact.detail.subtab";
    desk_contact_detail_lefttab = "desk.contact.detail.lefttab";
    desk_contact_detail_moreaction = "desk.contact.detail.moreaction";
    desk_account_detail_rightpanel = "desk.account.detail.rightpanel";
    desk_account_detail_subtab = "desk.account.detail.subtab";
    desk_account_detail_lefttab = "desk.account.detail.lefttab";
    desk_account_detail_moreaction = "desk.account.detail.moreaction";
    desk_ticket_form_rightpanel = "desk.ticket.form.rightpanel" => TicketForm;
    desk_contact_form_rightpanel = "desk.contact.form.rightpanel" => ContactForm;
    desk_account_form_rightpanel = "desk.account.form.rightpanel";
    desk_background = "desk.background";
    desk_bottomband = "desk.bottomband" => RouteTo;
    desk_extension_telephony = "desk.extension.telephony" => RouteTo;
    desk_ticket_form_sidepanel = "desk.ticket.form.sidepanel" => TicketForm;
    desk_contact_form_sidepanel = "desk.contact.form.sidepanel" => ContactForm;
    desk_account_form_sidepanel = "desk.account.form.sidepanel";
    desk_topband = "desk.topband" => RouteTo;
    desk_extension_preference = "desk.extension.preference";
    desk_ticket_blueprint_transition = "desk.ticket.blueprint.transition";
    desk_invisible = "desk.invisible";
    desk_kb_article_detail_subtab = "desk.kb.article.detail.subtab";
    desk_kb_managekb_lefttab = "desk.kb.managekb.lefttab";
    helpcenter_homepage = "helpcenter.homepage";
    helpcenter_invisible = "helpcenter.invisible";
    helpcenter_ticket_detail = "helpcenter.ticket.detail";
    helpcenter_ticket_form = "helpcenter.ticket.form";
    helpcenter_ticket_list = "helpcenter.ticket.list";
    helpcenter_kb_homepage = "helpcenter.kb.homepage";
    helpcenter_kb_article_list = "helpcenter.kb.article.list";
    helpcenter_kb_article_detail = "helpcenter.kb.article.detail";
    helpcenter_community_homepage = "helpcenter.community.homepage";
    helpcenter_community_topic_list = "helpcenter.community.topic.list";
    helpcenter_community_topic_detail = "helpcenter.community.topic.detail";
}

/// `desk.{moduleApiName}.detail.subtab`: the detail subtab of any custom module.
#[derive(Debug, Clone, Copy)]
pub enum desk_custom_module_detail_subtab {}

impl Location for desk_custom_module_detail_subtab {
    const NAME: &'static str = desk_catalog::CUSTOM_MODULE_SUBTAB;
}

/// The location of a widget whose declared location is not one of the platform's: the macro
/// has already reported it, and allowing everything here keeps it to one error.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum __unknown {}

impl Location for __unknown {
    const NAME: &'static str = "";
}

impl RouteTo for __unknown {}
impl TicketData for __unknown {}
impl TicketForm for __unknown {}
impl ContactForm for __unknown {}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! names {
        ([$($location:ident)*]) => {
            [$(<$location as Location>::NAME),*]
        };
    }

    #[test]
    fn a_tickets_data_is_where_the_catalog_says() {
        assert_eq!(
            with_ticket_data_locations!(names!()),
            desk_catalog::TICKET_DATA_LOCATIONS
        );
    }

    /// One type per location of the catalog, in its order, and `RouteTo` exactly where the
    /// catalog says `ROUTE_TO` works: the types cannot drift from the catalog.
    #[test]
    fn the_types_are_the_catalogs_locations_and_capabilities() {
        let names: Vec<&str> = ALL.iter().map(|(name, _)| *name).collect();
        let catalog: Vec<&str> = desk_catalog::LOCATIONS.iter().map(|l| l.name).collect();
        assert_eq!(names, catalog);
        for (name, capabilities) in ALL {
            assert_eq!(
                capabilities.contains(&"RouteTo"),
                desk_catalog::route_to_allowed(name),
                "{name}"
            );
            for (capability, locations) in [
                ("TicketForm", desk_catalog::TICKET_FORM_LOCATIONS),
                ("ContactForm", desk_catalog::CONTACT_FORM_LOCATIONS),
            ] {
                assert_eq!(
                    capabilities.contains(&capability),
                    locations.contains(name),
                    "{capability} at {name}"
                );
            }
        }
    }
}
