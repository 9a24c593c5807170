//! Rules: the IR every rule source produces ([`ir`]), the Rust builder over it, ArchUnit-worded
//! descriptions, and the package-pattern and version helpers the lowering and the engine share.

pub mod builder;
mod builder_arch;
mod builder_conditions;
mod builder_vocab;
pub mod combinators;
pub mod describe;
mod describe_class;
mod describe_relations;
pub mod engine;
pub mod ir;
pub mod message;
pub mod package_pattern;
pub mod version;
pub mod vocab;
mod vocab_class;
mod vocab_conditions;
pub mod vocab_docs;
mod vocab_member;
mod vocab_relations;

pub use describe::describe;
