//! A generic enum gives its tailored error only (a variant with a field): no impl is written
//! for it, so rustc adds no error of its own about the impl's missing generics.

use desk_runtime::config::ConfigChoice;

#[derive(ConfigChoice)]
pub enum Region<T> {
    Europe,
    Other(T),
}

fn main() {}
