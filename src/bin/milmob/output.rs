//! The one way the CLI prints. Every verb writes stdout through [`outln!`]
//! (or [`Stdout`] for streaming writers such as the batch CSV), so that:
//!
//! - a closed pipe (`milmob validate data/europe | head -1`) ends the command
//!   quietly with exit code 0 ([`CliError::Closed`]), like a reader that
//!   stopped reading on purpose;
//! - any other write error (stdout on a full disk, `> /dev/full`) is a clear
//!   error with exit code 1 ([`CliError::Write`]).
//!
//! `println!` would panic (exit 101) in both cases. Messages to stderr go
//! through [`errln!`], which never panics (if stderr itself is gone there is
//! nobody left to tell).

use std::io::{self, Write};

use crate::CliError;

/// Writes one line to stdout; `?` turns a failure into a [`CliError`].
macro_rules! outln {
    () => { $crate::output::write_str("\n") };
    ($($arg:tt)*) => { $crate::output::write_line(format_args!($($arg)*)) };
}

/// Writes one line to stderr, ignoring failures (never panics).
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::err_line(format_args!($($arg)*)) };
}

/// Maps a stdout write failure: a closed pipe is a quiet end, anything else
/// is an error naming stdout.
pub fn classify(e: io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        CliError::Closed
    } else {
        CliError::Write(e)
    }
}

/// Writes `args` and a newline to stdout.
pub fn write_line(args: std::fmt::Arguments<'_>) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(classify)
}

/// Writes text as-is to stdout.
pub fn write_str(s: &str) -> Result<(), CliError> {
    io::stdout()
        .lock()
        .write_all(s.as_bytes())
        .map_err(classify)
}

/// Flushes stdout (call before returning success, so that a write error
/// buffered until exit is still reported).
pub fn flush() -> Result<(), CliError> {
    io::stdout().lock().flush().map_err(classify)
}

/// Writes `args` and a newline to stderr, ignoring errors.
pub fn err_line(args: std::fmt::Arguments<'_>) {
    let mut e = io::stderr().lock();
    let _ = e.write_fmt(args).and_then(|()| e.write_all(b"\n"));
}

/// stdout as an [`io::Write`] for streaming writers (e.g. `csv::Writer`);
/// map their errors with [`classify`] / [`CliError::from_csv`].
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        io::stdout().lock().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        io::stdout().lock().flush()
    }
}
