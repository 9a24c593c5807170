//! Rules: the IR every rule source produces ([`ir`]), the Rust builder over it, ArchUnit-worded
//! descriptions, and the package-pattern and version helpers the lowering and the engine share.

pub mod ir;
pub mod package_pattern;
pub mod version;
