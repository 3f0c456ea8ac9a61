//! A SANDBOX store: a fake Neto (Maropost) API on loopback with demo data, for the
//! quickstart and the cross-client tests. It is not a shop; it remembers item updates in
//! memory so a change can be read back.

use std::sync::{Arc, Mutex, PoisonError};

use serde_json::{Value, json};
use shopmcp_testkit::{FakeResponse, FakeUpstream, RecordedRequest};

const ITEMS: &str = include_str!("../sandbox-data/items.json");
const ORDERS: &str = include_str!("../sandbox-data/orders.json");

/// The sandbox store. Dropping it stops the server.
#[derive(Debug)]
pub struct SandboxStore {
    fake: FakeUpstream,
}

fn answer(items: &Mutex<Vec<Value>>, orders: &Value, req: &RecordedRequest) -> FakeResponse {
    let ok = |mut body: Value| {
        if let Some(map) = body.as_object_mut() {
            map.insert("Ack".into(), json!("Success"));
            map.insert("CurrentTime".into(), json!("2026-11-21 10:00:00"));
        }
        FakeResponse::json(200, &body)
    };
    let mut items = items.lock().unwrap_or_else(PoisonError::into_inner);
    match req.header("netoapi_action") {
        Some("GetItem") => ok(json!({ "Item": *items })),
        Some("GetOrder") => ok(orders.clone()),
        Some("UpdateItem") => {
            let body = req.json().unwrap_or_default();
            let mut updated = Vec::new();
            let changes = body
                .get("Item")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for change in changes {
                let sku = change
                    .get("SKU")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let found = items
                    .iter_mut()
                    .find(|i| i.get("SKU").and_then(Value::as_str) == Some(sku.as_str()));
                if let Some(item) = found.and_then(Value::as_object_mut) {
                    for (k, v) in change.as_object().into_iter().flatten() {
                        item.insert(k.clone(), v.clone());
                    }
                    updated.push(json!({ "SKU": sku }));
                }
            }
            ok(json!({ "Item": updated }))
        }
        _ => FakeResponse::json(
            200,
            &json!({"Ack": "Error", "Messages": {"Error": {"Message": "the sandbox does not offer this action"}}}),
        ),
    }
}

impl SandboxStore {
    /// Starts the sandbox on `127.0.0.1:<free port>`.
    pub async fn start() -> Result<Self, shopmcp_testkit::Error> {
        let fake = FakeUpstream::http().await?;
        let items: Vec<Value> = serde_json::from_str::<Value>(ITEMS)
            .ok()
            .and_then(|v| v.get("Item").and_then(Value::as_array).cloned())
            .unwrap_or_default();
        let orders: Value = serde_json::from_str(ORDERS).unwrap_or_default();
        let items = Arc::new(Mutex::new(items));
        fake.respond("POST", "/do/WS/NetoAPI", move |req| {
            answer(&items, &orders, req)
        });
        Ok(Self { fake })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.fake.base_url()
    }

    /// How many requests reached the sandbox.
    pub fn request_count(&self) -> usize {
        self.fake.request_count()
    }
}
