//! A bucketed sliding window with a strict guarantee.
//!
//! The window of length `W` is split into `K` buckets of `W/K`. A call at time `t` is
//! admitted when the calls counted in the current bucket and the `K` buckets before it,
//! plus its cost, stay within the limit. Those `K + 1` buckets always cover `[t - W, t]`,
//! so **no window of length `W` ever contains more than `limit` admitted units**, wherever
//! it starts. The price is conservatism: a unit admitted at `t` is counted until at most
//! `t + W + W/K`. (GCRA, e.g. `governor`, does not give this guarantee: with a burst equal
//! to the limit it admits up to twice the limit within one window.)

pub(crate) const BUCKETS: usize = 10;
const SLOTS: usize = BUCKETS + 1;

/// Counts of the last `BUCKETS + 1` buckets. 8 + 4 × 11 = 52 bytes.
#[derive(Debug, Clone)]
pub(crate) struct Window {
    /// Index of the newest bucket written.
    head: u64,
    counts: [u32; SLOTS],
}

impl Window {
    pub(crate) fn new(now_bucket: u64) -> Self {
        Self {
            head: now_bucket,
            counts: [0; SLOTS],
        }
    }

    fn slot(bucket: u64) -> usize {
        (bucket % SLOTS as u64) as usize
    }

    /// Clears the buckets that fell out between `head` and `now_bucket`.
    fn advance(&mut self, now_bucket: u64) {
        if now_bucket <= self.head {
            return;
        }
        let gap = now_bucket - self.head;
        if gap >= SLOTS as u64 {
            self.counts = [0; SLOTS];
        } else {
            for b in (self.head + 1)..=now_bucket {
                if let Some(c) = self.counts.get_mut(Self::slot(b)) {
                    *c = 0;
                }
            }
        }
        self.head = now_bucket;
    }

    /// Units counted in the window at `now_bucket`.
    pub(crate) fn used(&mut self, now_bucket: u64) -> u64 {
        self.advance(now_bucket);
        self.counts.iter().map(|c| u64::from(*c)).sum()
    }

    /// Whether the window is empty at `now_bucket` (the entry can be evicted).
    pub(crate) fn is_idle(&mut self, now_bucket: u64) -> bool {
        self.used(now_bucket) == 0
    }

    /// Whether `cost` more units fit under `limit`.
    pub(crate) fn fits(&mut self, now_bucket: u64, cost: u32, limit: u32) -> bool {
        self.used(now_bucket) + u64::from(cost) <= u64::from(limit)
    }

    /// Counts `cost` units in the current bucket.
    pub(crate) fn add(&mut self, now_bucket: u64, cost: u32) {
        self.advance(now_bucket);
        if let Some(c) = self.counts.get_mut(Self::slot(now_bucket)) {
            *c = c.saturating_add(cost);
        }
    }

    /// How many buckets from `now_bucket` until `cost` more units fit (0 if they fit now;
    /// `None` if they never can).
    pub(crate) fn buckets_until_fit(
        &mut self,
        now_bucket: u64,
        cost: u32,
        limit: u32,
    ) -> Option<u64> {
        if cost > limit {
            return None;
        }
        let mut used = self.used(now_bucket);
        let need = u64::from(cost);
        let limit = u64::from(limit);
        if used + need <= limit {
            return Some(0);
        }
        // The oldest counted bucket is now_bucket - BUCKETS; it drops out at the next bucket.
        for k in 0..SLOTS as u64 {
            let Some(bucket) = (now_bucket + k).checked_sub(BUCKETS as u64) else {
                continue;
            };
            used -= u64::from(self.counts.get(Self::slot(bucket)).copied().unwrap_or(0));
            if used + need <= limit {
                return Some(k + 1);
            }
        }
        Some(SLOTS as u64)
    }
}
