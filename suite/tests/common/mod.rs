//! Shared by the suite's test files: the four platforms' tools and fake stores, base arguments
//! for every write tool, and the keys injected into them.
#![allow(dead_code, reason = "each test file uses a different part")]

pub(crate) mod answers;
pub(crate) mod base;
pub(crate) mod inject;
pub(crate) mod stores;
