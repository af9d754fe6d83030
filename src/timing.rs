//! With `RUIMTE_TIMINGS` set, phases print how long they took to stderr (for performance work).

use std::time::Instant;

pub struct Phases {
    enabled: bool,
    last: Instant,
}

impl Phases {
    pub fn start() -> Phases {
        Phases {
            enabled: std::env::var_os("RUIMTE_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    pub fn done(&mut self, phase: &str) {
        if self.enabled {
            eprintln!("{phase:>14}: {:>6} ms", self.last.elapsed().as_millis());
        }
        self.last = Instant::now();
    }
}
