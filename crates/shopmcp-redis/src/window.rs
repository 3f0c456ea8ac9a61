//! The two-window weighted sliding window, in Rust.
//!
//! The Lua script (`sliding_window.lua`) makes every decision; this module states the same rule
//! with the same integer arithmetic so that the library can compute an honest `retry_after`
//! from the counters the script returns on a refusal, and so that the rule can be tested
//! without Redis.
//!
//! Time is cut into fixed windows of `W` ms; window `n` covers `[n·W, (n+1)·W)`. Each counter
//! keeps the units admitted in the current fixed window (`c`) and in the one before (`p`).
//! At time `t`, `e = t − n·W` ms into window `n`, the sliding window `[t − W, t]` still
//! covers `(W − e)/W` of the previous window, so the estimate of units inside it is
//! `p·(W − e)/W + c`. A call of cost `k` is admitted when `p·(W − e)/W + c + k ≤ limit`, and
//! then `c` grows by `k` (only then: a refused call consumes nothing).
//!
//! Exactness: the weight is counted in `1/D` of a window with `D = min(W, 2^19)` and rounded
//! up (`rem = ⌈(W − e)·D/W⌉`), and the check is the integer comparison
//! `p·rem + (c + k)·D ≤ limit·D`. With counters and limits below 2^32 every term stays below
//! 2^53, so Lua's doubles compute it exactly, and it equals the real-number rule for windows up
//! to 2^19 ms (about 8.7 minutes); longer windows round the weight up by less than 1/2^19
//! (never admitting more than the real-number rule).

/// Weights are counted in at most 2^19 parts of a window (see the module docs).
const MAX_SCALE: u64 = 1 << 19;

/// The stored state of one counter, as the script reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counter {
    /// The fixed window the counts belong to (`None`: no key, nothing counted).
    pub(crate) index: Option<u64>,
    /// Units admitted in window `index`.
    pub(crate) current: u64,
    /// Units admitted in window `index − 1`.
    pub(crate) previous: u64,
}

/// What a counter looks like at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct View {
    current: u64,
    previous: u64,
    /// The weight of `previous`, in `1/scale` of a window.
    rem: u64,
}

/// Window length and weight resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Geometry {
    window_ms: u64,
    scale: u64,
}

impl Geometry {
    /// The geometry of a window of `window_ms` (> 0) milliseconds.
    pub(crate) fn new(window_ms: u64) -> Self {
        let window_ms = window_ms.max(1);
        Self {
            window_ms,
            scale: window_ms.min(MAX_SCALE),
        }
    }

    /// Window length in ms.
    pub(crate) fn window_ms(self) -> u64 {
        self.window_ms
    }

    /// The weight resolution `D`.
    pub(crate) fn scale(self) -> u64 {
        self.scale
    }

    fn view(self, counter: Counter, now_ms: u64) -> View {
        let w = self.window_ms;
        let idx = now_ms / w;
        match counter.index {
            // The clock is behind the stored window: keep the newer counts at full weight.
            Some(stored) if stored > idx => View {
                current: counter.current,
                previous: counter.previous,
                rem: self.scale,
            },
            stored => {
                let elapsed = now_ms - idx * w;
                let rem = ((w - elapsed) * self.scale).div_ceil(w);
                let (current, previous) = match stored {
                    Some(s) if s == idx => (counter.current, counter.previous),
                    Some(s) if s + 1 == idx => (0, counter.current),
                    _ => (0, 0),
                };
                View {
                    current,
                    previous,
                    rem,
                }
            }
        }
    }

    /// Whether `cost` more units fit under `limit` at `now_ms` (the script's rule).
    pub(crate) fn fits(self, counter: Counter, now_ms: u64, cost: u64, limit: u64) -> bool {
        let v = self.view(counter, now_ms);
        let d = u128::from(self.scale);
        u128::from(v.previous) * u128::from(v.rem) + (u128::from(v.current) + u128::from(cost)) * d
            <= u128::from(limit) * d
    }

    /// The counter after admitting `cost` at `now_ms` (what the script writes).
    #[cfg(test)]
    pub(crate) fn after_admission(self, counter: Counter, now_ms: u64, cost: u64) -> Counter {
        let idx = now_ms / self.window_ms;
        let index = counter.index.map_or(idx, |stored| stored.max(idx));
        let v = self.view(counter, now_ms);
        Counter {
            index: Some(index),
            current: v.current + cost,
            previous: v.previous,
        }
    }

    /// Milliseconds from `now_ms` until `cost` more units fit under `limit`, if nothing else
    /// is admitted meanwhile: `Some(0)` if they fit now, `None` if they never can
    /// (`cost > limit`).
    ///
    /// The estimate never grows while nothing is admitted, so the first instant that fits is
    /// found by bisection; it is at most two windows after the newest counted window.
    pub(crate) fn wait_ms(
        self,
        counter: Counter,
        now_ms: u64,
        cost: u64,
        limit: u64,
    ) -> Option<u64> {
        if cost > limit {
            return None;
        }
        if self.fits(counter, now_ms, cost, limit) {
            return Some(0);
        }
        let newest = counter.index.unwrap_or(0).max(now_ms / self.window_ms);
        // At the start of window `newest + 2` both counts have dropped out.
        let mut hi = (newest + 2) * self.window_ms;
        let mut lo = now_ms; // does not fit at `lo`; fits at `hi`
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.fits(counter, mid, cost, limit) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi - now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: u64 = 60_000;

    fn at(index: u64, current: u64, previous: u64) -> Counter {
        Counter {
            index: Some(index),
            current,
            previous,
        }
    }

    #[test]
    fn weights_the_previous_window_by_what_is_left_of_it() {
        let g = Geometry::new(W);
        // Window 10 held 10 units; 25% into window 11 the estimate is 7.5.
        let c = at(10, 10, 0);
        let now = 11 * W + W / 4;
        assert!(g.fits(c, now, 2, 10)); // 7.5 + 2 = 9.5
        assert!(!g.fits(c, now, 3, 10)); // 7.5 + 3 = 10.5
        // Older windows no longer count; a fresh counter holds nothing.
        assert!(g.fits(at(9, 10, 10), now, 10, 10));
        assert!(g.fits(Counter::default(), now, 10, 10));
    }

    #[test]
    fn cost_is_counted_once_not_multiplied() {
        // limit 10, cost 5: two calls fit, the third does not, and the counter holds 10.
        let g = Geometry::new(W);
        let now = 5 * W + 1;
        let mut c = Counter::default();
        for _ in 0..2 {
            assert!(g.fits(c, now, 5, 10));
            c = at(5, c.current + 5, 0);
        }
        assert!(!g.fits(c, now, 5, 10));
        assert_eq!(c.current, 10);
    }

    #[test]
    fn wait_is_the_first_millisecond_that_fits() {
        let g = Geometry::new(W);
        // Full current window at its start: the next window begins in W ms, but then the
        // previous 10 weigh 10 until they decay by 1: W/10 more.
        let c = at(3, 10, 0);
        let now = 3 * W;
        let wait = g.wait_ms(c, now, 1, 10).unwrap();
        assert_eq!(wait, W + W / 10);
        assert!(g.fits(c, now + wait, 1, 10));
        assert!(!g.fits(c, now + wait - 1, 1, 10));
        // Fits now, never fits.
        assert_eq!(g.wait_ms(c, now + 2 * W, 1, 10), Some(0));
        assert_eq!(g.wait_ms(c, now, 11, 10), None);
    }

    #[test]
    fn a_clock_behind_the_stored_window_keeps_the_counts() {
        let g = Geometry::new(W);
        let c = at(7, 4, 6);
        let now = 5 * W; // two windows before the stored one
        assert!(g.fits(c, now, 0, 10));
        assert!(!g.fits(c, now, 1, 10));
        // They only decay once window 7 has started.
        let wait = g.wait_ms(c, now, 1, 10).unwrap();
        assert!(wait > 2 * W);
        assert!(g.fits(c, now + wait, 1, 10));
    }

    #[test]
    fn long_windows_round_the_weight_up() {
        const H: u64 = 3_600_000;
        let g = Geometry::new(H);
        assert_eq!(g.scale(), MAX_SCALE);
        assert_eq!(Geometry::new(1_000).scale(), 1_000);
        // 1000 units in window 1, limit 1000, cost 1: the real-number rule admits from
        // 3600 ms into window 2 (1000 × 0.999 + 1 = 1000); the weight in 1/2^19, rounded up,
        // admits from 3605 ms: later by less than W/2^19 (6.9 ms), never earlier.
        let c = at(1, 1_000, 0);
        assert!(!g.fits(c, 2 * H + 3_600, 1, 1_000));
        assert!(!g.fits(c, 2 * H + 3_604, 1, 1_000));
        assert!(g.fits(c, 2 * H + 3_605, 1, 1_000));
        assert_eq!(g.wait_ms(c, 2 * H, 1, 1_000), Some(3_605));
    }

    #[test]
    fn huge_limits_stay_exact() {
        let g = Geometry::new(W);
        let max = u64::from(u32::MAX);
        // 1 ms before window 2: the previous window weighs max/60000 = 71582.79 units.
        let c = at(1, max - 100_000, max);
        assert!(g.fits(c, 2 * W - 1, 28_417, max));
        assert!(!g.fits(c, 2 * W - 1, 28_418, max));
    }
}
