//! A call the platform allows at some locations only is bounded on the widget's location type:
//! from a widget elsewhere it does not compile (`cargo check` included), and the error names
//! the location. (`browser::route_to` is bounded so; this case shows the same bound without the
//! browser feature.)

use desk_runtime::location::RouteTo;
use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {}

fn route_to<W: Widget>()
where
    W::Location: RouteTo,
{
}

fn main() {
    route_to::<Panel>();
}
