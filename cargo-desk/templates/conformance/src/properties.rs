//! Every property of `desk_runtime::desk::property`, read with `desk.get`, each checked against
//! what the library expects Desk to answer where the widget is.

use crate::report::Report;
use desk_runtime::HostError;
use desk_runtime::desk::property::{
    DepartmentId, ExtensionConfig, ExtensionDepartments, ExtensionProfiles, Portal, PortalId,
    Property, User, UserEmail, UserFullName, UserId, UserPortals, UserTimeZone, UserTzOffset,
};
use desk_runtime::prelude::*;
use std::fmt::Debug;

/// What Desk should answer a read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The value, of its type: the property can be read here.
    Value,
    /// The value while a ticket is open, else Desk's refusal: a ticket's property at a
    /// product-level location (the bottom band, the telephony bar), which compiles there.
    ValueOrRefusal,
}

/// Reads `P` and records what Desk answered.
pub async fn read<P, W>(desk: &Desk<W>, report: &mut Report, expect: Expect)
where
    W: Widget,
    P: Property<W::Location>,
    P::Value: Debug,
{
    let answer = desk.get::<P>().await;
    let expected = match expect {
        Expect::Value => "its value, of its type",
        Expect::ValueOrRefusal => "its value while a ticket is open, else Desk's refusal",
    };
    // A refusal is Desk's answer with a failure status, or the SDK's rejection; an answer of
    // another shape (`HostError::Response`) is the library's misreading, and never passes.
    let assumption = format!("get(\"{}\")", P::NAME);
    report.check(&assumption, expected, &answer, |answer| match answer {
        Ok(_) => true,
        Err(HostError::Failed { .. } | HostError::Sdk(_)) => expect == Expect::ValueOrRefusal,
        Err(_) => false,
    });
}

/// Reads every property the platform answers anywhere: the agent's, the portal's, the
/// department's and the extension's.
pub async fn read_anywhere<W: Widget>(desk: &Desk<W>, report: &mut Report) {
    read::<User, W>(desk, report, Expect::Value).await;
    read::<UserId, W>(desk, report, Expect::Value).await;
    read::<UserFullName, W>(desk, report, Expect::Value).await;
    read::<UserEmail, W>(desk, report, Expect::Value).await;
    read::<UserTimeZone, W>(desk, report, Expect::Value).await;
    read::<UserTzOffset, W>(desk, report, Expect::Value).await;
    read::<UserPortals, W>(desk, report, Expect::Value).await;
    read::<Portal, W>(desk, report, Expect::Value).await;
    read::<PortalId, W>(desk, report, Expect::Value).await;
    read::<DepartmentId, W>(desk, report, Expect::Value).await;
    read::<ExtensionConfig, W>(desk, report, Expect::Value).await;
    read::<ExtensionDepartments, W>(desk, report, Expect::Value).await;
    read::<ExtensionProfiles, W>(desk, report, Expect::Value).await;
}

/// Reads every property of the ticket on screen. A macro rather than a function: where they
/// can be read is decided location by location, so a generic function could not call them.
#[macro_export]
macro_rules! read_ticket_properties {
    ($desk:expr, $report:expr, $expect:expr) => {{
        use desk_runtime::desk::property::*;
        use $crate::properties::read;
        read::<Ticket, _>($desk, $report, $expect).await;
        read::<TicketDepartmentId, _>($desk, $report, $expect).await;
        read::<TicketEmail, _>($desk, $report, $expect).await;
        read::<TicketSubject, _>($desk, $report, $expect).await;
        read::<TicketDescription, _>($desk, $report, $expect).await;
        read::<TicketStatus, _>($desk, $report, $expect).await;
        read::<TicketDueDate, _>($desk, $report, $expect).await;
        read::<TicketThreadCount, _>($desk, $report, $expect).await;
        read::<TicketIsSpam, _>($desk, $report, $expect).await;
        read::<TicketContactId, _>($desk, $report, $expect).await;
    }};
}
