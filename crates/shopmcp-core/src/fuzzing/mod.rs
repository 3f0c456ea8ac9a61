//! Checks shared by the cargo-fuzz targets (`fuzz/`) and the stable property tests, and the
//! helpers the platform crates' checks share. Not part of the supported API.

mod arguments;
mod errors;
mod mutate;

pub use arguments::{
    ListInput, Output, ProductChanges, RefundInput, Status, UpdateInput, check_arguments,
    valid_arguments,
};
pub use errors::{CANARY, check_tool_error};
pub use mutate::{mutate_bytes, mutate_json};
