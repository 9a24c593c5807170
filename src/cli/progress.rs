//! A progress line on stderr for runs longer than a second, only when stderr is a terminal (never in CI logs or
//! pipes). It names the phase and the time spent; the line is erased when the run finishes.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Progress {
    tx: Option<Sender<&'static str>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    pub fn start(first_phase: &'static str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { tx: None, thread: None };
        }
        let (tx, rx) = channel::<&'static str>();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut phase = first_phase;
            let mut shown = false;
            loop {
                match rx.recv_timeout(Duration::from_millis(200)) {
                    Ok(next) => phase = next,
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
                let elapsed = started.elapsed();
                if elapsed >= Duration::from_secs(1) {
                    let spinner =
                        ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'][(elapsed.as_millis() / 200 % 10) as usize];
                    eprint!("\r\x1b[2K{spinner} archrules: {phase} ({:.1}s)", elapsed.as_secs_f64());
                    let _ = std::io::stderr().flush();
                    shown = true;
                }
            }
            if shown {
                eprint!("\r\x1b[2K");
                let _ = std::io::stderr().flush();
            }
        });
        Progress { tx: Some(tx), thread: Some(thread) }
    }

    pub fn phase(&self, phase: &'static str) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(phase);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
