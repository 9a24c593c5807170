//! A failing writer's error reaches the caller with its kind, in every format: the CLI takes a closed pipe
//! (`archrules check | head`) as the reader's choice rather than an error, and can tell only by the kind.

use super::fixture::{findings, opts};
use crate::report::Format;
use std::io;

struct ClosedPipe;

impl io::Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::BrokenPipe.into())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_pipe_keeps_its_kind_in_every_format() {
    for format in Format::ALL {
        let result = format.reporter().render(&findings(), &opts(), &mut ClosedPipe);
        let kind = result.err().map(|e| e.kind());
        assert_eq!(kind, Some(io::ErrorKind::BrokenPipe), "{format:?}");
    }
}
