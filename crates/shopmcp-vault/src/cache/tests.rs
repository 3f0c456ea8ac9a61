use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::time::sleep;

use super::*;
use crate::KeyBytes;

fn dek(byte: u8) -> Dek {
    Dek::new(DekId::random(), 1, KeyBytes::from_array([byte; 32]))
}

/// Inserts a DEK and returns a `Weak` to it; the caller keeps no strong reference.
fn insert_weak(cache: &DekCache, ws: WorkspaceId, byte: u8) -> (DekId, Weak<Dek>) {
    let arc = cache.insert(ws, dek(byte));
    (arc.id(), Arc::downgrade(&arc))
}

#[tokio::test(start_paused = true)]
async fn sweeper_evicts_and_drops_the_key_after_its_lifetime() {
    let cache = DekCache::start(CacheConfig::default()).unwrap();
    let ws = WorkspaceId::random();
    let (id, weak) = insert_weak(&cache, ws, 1);

    sleep(Duration::from_secs(59)).await;
    assert!(cache.get(ws, id).is_some(), "usable within its lifetime");
    assert_eq!(cache.len(), 1);

    // No lookup from here on: only the sweeper can remove the entry.
    sleep(Duration::from_secs(6) + Duration::from_millis(1)).await;
    assert_eq!(cache.len(), 0, "the sweeper removed the expired entry");
    assert!(weak.upgrade().is_none(), "the zeroizing key was dropped");
}

#[tokio::test(start_paused = true)]
async fn lifetime_counts_from_insertion_not_from_last_use() {
    let cache = DekCache::start(CacheConfig::default()).unwrap();
    let ws = WorkspaceId::random();
    let (id, _weak) = insert_weak(&cache, ws, 2);
    for _ in 0..5 {
        sleep(Duration::from_secs(11)).await;
        assert!(cache.get(ws, id).is_some());
    }
    sleep(Duration::from_secs(5)).await; // t = 60 s
    assert!(cache.get(ws, id).is_none());
}

#[tokio::test(start_paused = true)]
async fn expired_entries_are_refused_before_the_sweeper_runs() {
    let config = CacheConfig::default()
        .with_ttl(Duration::from_secs(2))
        .with_sweep_interval(Duration::from_secs(5));
    let cache = DekCache::start(config).unwrap();
    let ws = WorkspaceId::random();
    let (id, weak) = insert_weak(&cache, ws, 3);
    sleep(Duration::from_secs(3)).await;
    assert_eq!(cache.len(), 1, "not swept yet");
    assert!(cache.get(ws, id).is_none(), "but unusable");
    assert!(weak.upgrade().is_none());
}

#[tokio::test(start_paused = true)]
async fn max_uses_evicts_after_the_last_allowed_use() {
    let cache = DekCache::start(CacheConfig::default().with_max_uses(2)).unwrap();
    let ws = WorkspaceId::random();
    let (id, weak) = insert_weak(&cache, ws, 4);
    assert!(cache.get(ws, id).is_some());
    assert!(cache.get(ws, id).is_some());
    assert!(cache.get(ws, id).is_none());
    assert!(weak.upgrade().is_none());
}

#[tokio::test(start_paused = true)]
async fn invalidation_is_immediate_and_scoped_to_the_workspace() {
    let cache = DekCache::start(CacheConfig::default()).unwrap();
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    let (a1, weak_a1) = insert_weak(&cache, a, 5);
    let (_a2, weak_a2) = insert_weak(&cache, a, 6);
    let (b1, weak_b1) = insert_weak(&cache, b, 7);
    assert_eq!(cache.invalidate_workspace(a), 2);
    assert!(cache.get(a, a1).is_none());
    assert!(weak_a1.upgrade().is_none() && weak_a2.upgrade().is_none());
    assert!(weak_b1.upgrade().is_some());
    assert!(cache.invalidate(b, b1));
    assert!(!cache.invalidate(b, b1));
    assert!(weak_b1.upgrade().is_none());
    insert_weak(&cache, b, 8);
    cache.clear();
    assert!(cache.is_empty());
}

#[tokio::test(start_paused = true)]
async fn zero_ttl_disables_caching() {
    let cache = DekCache::start(CacheConfig::default().with_ttl(Duration::ZERO)).unwrap();
    let ws = WorkspaceId::random();
    let (id, weak) = insert_weak(&cache, ws, 9);
    assert!(cache.get(ws, id).is_none());
    assert!(weak.upgrade().is_none());
}

#[test]
fn needs_a_runtime_and_clamps_the_sweep_interval() {
    assert!(matches!(
        DekCache::start(CacheConfig::default()),
        Err(VaultError::NoRuntime)
    ));
    let c = CacheConfig::default().with_sweep_interval(Duration::from_secs(60));
    assert_eq!(c.sweep_interval(), MAX_SWEEP_INTERVAL);
    let c = CacheConfig::default().with_sweep_interval(Duration::ZERO);
    assert!(!c.sweep_interval().is_zero());
    assert_eq!(CacheConfig::default().with_max_uses(0).max_uses(), Some(1));
}

#[tokio::test(start_paused = true)]
async fn debug_shows_no_key_material() {
    let cache = DekCache::start(CacheConfig::default()).unwrap();
    let _kept = cache.insert(WorkspaceId::random(), dek(0x41));
    let shown = format!("{cache:?}");
    assert!(
        shown.contains("entries: 1") && !shown.contains("65"),
        "{shown}"
    );
}
