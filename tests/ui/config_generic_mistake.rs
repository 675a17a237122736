//! A generic configuration type gives its tailored error only: no impl is written for it, so
//! rustc adds no error of its own about the impl's missing generics.

use desk_runtime::config::DeskConfig;

#[derive(DeskConfig)]
pub struct Settings<T> {
    crm_url: T,
}

fn main() {}
