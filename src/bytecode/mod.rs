//! Class-file reading: a borrowing, bounds-checked reader and the instruction scan.

mod error;
mod model;

pub use error::{ClassFileError, ErrorKind};
pub use model::*;
