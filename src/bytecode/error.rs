use thiserror::Error;

/// A class file that could not be read, with the byte offset where reading stopped.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{kind} at byte {offset}")]
pub struct ClassFileError {
    pub offset: usize,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("not a class file (magic 0x{0:08X})")]
    BadMagic(u32),
    #[error("unexpected end of data")]
    UnexpectedEof,
    #[error("unknown constant-pool tag {0}")]
    UnknownConstantTag(u8),
    #[error("bad constant-pool index {0}")]
    BadConstantPoolIndex(u16),
    #[error("constant {0} has the wrong type")]
    WrongConstantType(u16),
    #[error("invalid modified UTF-8")]
    BadUtf8,
    #[error("malformed attribute {0}")]
    BadAttribute(&'static str),
    #[error("unknown opcode 0x{0:02X}")]
    BadOpcode(u8),
    #[error("unknown element-value tag {0:?}")]
    BadElementValueTag(char),
}

/// A descriptor or generic signature that does not follow its grammar (JVMS 4.3, 4.7.9.1).
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("malformed {what} {text:?} at character {offset}")]
pub struct SyntaxError {
    /// `"descriptor"` or `"signature"`.
    pub what: &'static str,
    pub text: String,
    pub offset: usize,
}
