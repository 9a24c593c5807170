//! `.jmod` files: a zip behind a 4-byte header `JM\x01\x00`; classes live under `classes/`
//! (other sections, `lib/`, `bin/`, `conf/`, `legal/`, hold no classes and are ignored).

use super::error::InputErrorKind;
use super::jar::Blob;

const MAGIC: [u8; 4] = *b"JM\x01\x00";

/// Where class entries sit inside a jmod's zip.
pub(crate) const CLASSES: &str = "classes/";

/// The zip inside a jmod (offsets in the jmod's directory are relative to the end of the header).
pub(crate) fn zip_of(jmod: &Blob) -> Result<Blob, InputErrorKind> {
    if jmod.as_slice().get(..4) != Some(&MAGIC[..]) {
        return Err(InputErrorKind::BadJmod);
    }
    jmod.skip(MAGIC.len()).ok_or(InputErrorKind::BadJmod)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_header() {
        let blob = Blob::from_vec(b"JM\x01\x00PK".to_vec());
        assert_eq!(zip_of(&blob).map(|b| b.as_slice().to_vec()), Ok(b"PK".to_vec()));
        assert_eq!(zip_of(&Blob::from_vec(b"PK\x03\x04".to_vec())).err(), Some(InputErrorKind::BadJmod));
        assert_eq!(zip_of(&Blob::from_vec(b"JM".to_vec())).err(), Some(InputErrorKind::BadJmod));
    }
}
