//! The HTTP handlers, one file per resource.

pub mod admin;
pub mod catalogue;
pub mod orders;
pub mod quote;
pub mod statements;
pub mod verify;
