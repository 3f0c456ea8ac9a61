//! The response body cap, enforced chunk by chunk while the body streams in.

use bytes::{Bytes, BytesMut};

/// Collects body chunks up to a limit. A chunk that would cross the limit is refused before it is
/// copied, so the buffer never holds more than `limit` bytes.
#[derive(Debug)]
pub(crate) struct BodyLimit {
    limit: usize,
    buf: BytesMut,
    seen: usize,
}

/// The body crossed the limit after `seen` bytes had arrived (including the refused chunk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Oversize {
    pub(crate) seen: usize,
}

impl BodyLimit {
    /// A collector; `expected` (a `Content-Length`) sizes the buffer when it is within the limit.
    pub(crate) fn new(limit: usize, expected: Option<u64>) -> Result<Self, Oversize> {
        let expected = expected.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        if let Some(n) = expected.filter(|n| *n > limit) {
            let _ = n;
            return Err(Oversize { seen: 0 });
        }
        let capacity = expected.unwrap_or(0).min(limit).min(64 * 1024);
        Ok(Self {
            limit,
            buf: BytesMut::with_capacity(capacity),
            seen: 0,
        })
    }

    /// Adds one chunk.
    pub(crate) fn push(&mut self, chunk: &Bytes) -> Result<(), Oversize> {
        self.seen = self.seen.saturating_add(chunk.len());
        if self.buf.len().saturating_add(chunk.len()) > self.limit {
            return Err(Oversize { seen: self.seen });
        }
        self.buf.extend_from_slice(chunk);
        Ok(())
    }

    /// The whole body.
    pub(crate) fn finish(self) -> Bytes {
        self.buf.freeze()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body source that counts what was pulled from it.
    struct Source {
        chunk: usize,
        total: usize,
        pulled: usize,
    }

    impl Source {
        fn next(&mut self) -> Option<Bytes> {
            if self.pulled >= self.total {
                return None;
            }
            let n = self.chunk.min(self.total - self.pulled);
            self.pulled += n;
            Some(Bytes::from(vec![b'x'; n]))
        }
    }

    fn drain(limit: usize, src: &mut Source) -> Result<Bytes, Oversize> {
        let mut body = BodyLimit::new(limit, None)?;
        while let Some(chunk) = src.next() {
            body.push(&chunk)?;
        }
        Ok(body.finish())
    }

    #[test]
    fn exactly_the_limit_is_accepted() {
        let mut src = Source {
            chunk: 1000,
            total: 4096,
            pulled: 0,
        };
        assert_eq!(drain(4096, &mut src).unwrap().len(), 4096);
    }

    #[test]
    fn reading_stops_within_one_chunk_of_the_limit() {
        for chunk in [1, 7, 1000, 4096, 10_000] {
            let mut src = Source {
                chunk,
                total: 1 << 30,
                pulled: 0,
            };
            let err = drain(4096, &mut src).unwrap_err();
            assert!(
                src.pulled <= 4096 + chunk,
                "chunk {chunk}: pulled {}",
                src.pulled
            );
            assert_eq!(err.seen, src.pulled);
        }
    }

    #[test]
    fn declared_length_over_the_limit_is_refused_up_front() {
        assert_eq!(
            BodyLimit::new(10, Some(11)).unwrap_err(),
            Oversize { seen: 0 }
        );
        assert!(BodyLimit::new(10, Some(10)).is_ok());
        assert!(BodyLimit::new(10, Some(u64::MAX)).is_err());
    }
}
