//! placeholder
pub mod flood;
