//! The Lua script and its calling convention.

use redis::aio::ConnectionLike;

use crate::error::Failure;
use crate::window::{Counter, Geometry};

/// The script's source (see `sliding_window.lua` for its contract).
pub(crate) const SOURCE: &str = include_str!("sliding_window.lua");

/// One counter to check and, if every counter admits, increment.
#[derive(Debug)]
pub(crate) struct Scope {
    pub(crate) key: String,
    pub(crate) limit: u32,
}

/// What the script decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reply {
    /// Every counter admitted; each grew by the cost.
    Admitted,
    /// At least one counter refused; nothing was written.
    Refused {
        /// The script's clock, in ms.
        now_ms: u64,
        /// The stored state of each counter, in the order of the scopes.
        counters: Vec<Counter>,
    },
}

/// Runs the script once (EVALSHA, loading the script on `NOSCRIPT`).
///
/// `now_ms` is `None` in production: the script reads the Redis server's clock.
pub(crate) async fn run<C: ConnectionLike>(
    script: &redis::Script,
    conn: &mut C,
    geometry: Geometry,
    scopes: &[Scope],
    cost: u32,
    now_ms: Option<u64>,
) -> Result<Reply, Failure> {
    let mut invocation = script.prepare_invoke();
    for scope in scopes {
        invocation.key(&scope.key);
    }
    invocation
        .arg(geometry.window_ms())
        .arg(geometry.scale())
        .arg(cost)
        .arg(now_ms.map(|n| n.to_string()).unwrap_or_default());
    for scope in scopes {
        invocation.arg(scope.limit);
    }
    let values: Vec<i64> = invocation
        .invoke_async(conn)
        .await
        .map_err(|e| Failure::from_redis(&e))?;
    parse(&values, scopes.len()).ok_or(Failure::UnexpectedReply)
}

fn parse(values: &[i64], scopes: usize) -> Option<Reply> {
    let (&flag, rest) = values.split_first()?;
    let (&now, rest) = rest.split_first()?;
    let now_ms = u64::try_from(now).ok()?;
    match flag {
        1 if rest.is_empty() => Some(Reply::Admitted),
        0 if rest.len() == scopes * 3 => {
            let counters = rest
                .chunks_exact(3)
                .map(|c| match *c {
                    [index, current, previous] => Some(Counter {
                        index: u64::try_from(index).ok(),
                        current: u64::try_from(current).ok()?,
                        previous: u64::try_from(previous).ok()?,
                    }),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Reply::Refused { now_ms, counters })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_parsed_strictly() {
        assert_eq!(parse(&[1, 5], 2), Some(Reply::Admitted));
        assert_eq!(
            parse(&[0, 7, -1, 0, 0, 3, 4, 5], 2),
            Some(Reply::Refused {
                now_ms: 7,
                counters: vec![
                    Counter::default(),
                    Counter {
                        index: Some(3),
                        current: 4,
                        previous: 5
                    }
                ],
            })
        );
        for bad in [
            &[][..],
            &[1],
            &[1, 5, 0],
            &[0, 7, 1, 2],
            &[2, 5],
            &[0, -7],
            &[0, 7, 1, -2, 3],
        ] {
            assert_eq!(parse(bad, 1), None, "{bad:?}");
        }
    }
}
