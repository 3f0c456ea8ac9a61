//! Pipeline overhead around a no-op tool, and validation of a realistic write payload.
#![allow(
    missing_docs,
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_benches::Fixture;
use shopmcp_core::validate::Limits;
use shopmcp_core::*;

fn pipeline_overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let fx = Fixture::new().unwrap();
    let args = r#"{"status":"open","limit":50}"#;
    let mut g = c.benchmark_group("pipeline");
    g.bench_function("noop_tool_direct", |b| {
        let ctx = CallContext::new(
            fx.workspace,
            Principal::new("bench"),
            Duration::from_secs(30),
        );
        let cred = std::sync::Arc::new(CredentialSet::new("access_token").with_field("token", "x"));
        b.iter(|| {
            rt.block_on(async {
                let call = ToolCall {
                    ctx: &ctx,
                    arguments: json!({"status":"open","limit":50}),
                    credential: Some(cred.clone()),
                };
                black_box(fx.tool.call(call).await.unwrap())
            })
        });
    });
    g.bench_function("noop_tool_through_pipeline", |b| {
        b.iter(|| {
            rt.block_on(async {
                let r = fx
                    .pipeline
                    .call(CallRequest::new(
                        Caller::Bearer(&fx.token),
                        "shopify_noop_get",
                        black_box(args),
                    ))
                    .await;
                black_box(r.result.unwrap())
            })
        });
    });
    g.finish();
}

/// The shape of the largest write payload: a product update with every writable field.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Changes {
    #[schemars(length(max = 255))]
    name: Option<String>,
    #[schemars(extend("format" = "decimal"))]
    price: Option<String>,
    #[schemars(extend("format" = "decimal"))]
    special_price: Option<String>,
    #[schemars(range(min = 1, max = 2))]
    status: Option<u8>,
    #[schemars(range(min = 1, max = 4))]
    visibility: Option<u8>,
    #[schemars(extend("x-shopmcp-text" = "free"))]
    description: Option<String>,
    #[schemars(extend("x-shopmcp-text" = "free"))]
    short_description: Option<String>,
    #[schemars(extend("format" = "decimal"))]
    weight: Option<String>,
    qty: Option<i64>,
    is_in_stock: Option<bool>,
    tags: Option<Vec<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct UpdateInput {
    sku: String,
    changes: Changes,
}

#[derive(Serialize, JsonSchema)]
struct Out {
    sku: String,
}

fn validation(c: &mut Criterion) {
    let spec = ToolSpec::write::<UpdateInput, Out>(
        "magento_products_update",
        Platform::Magento,
        RiskTier::W2,
    )
    .title("Update a product")
    .description("bench")
    .identifiers(["sku"])
    .writable_in(
        "changes",
        [
            "name",
            "price",
            "special_price",
            "status",
            "visibility",
            "description",
            "short_description",
            "weight",
            "qty",
            "is_in_stock",
            "tags",
        ],
    )
    .build()
    .unwrap();
    let payload = json!({
        "sku": "MH01-XS-Black",
        "changes": {
            "name": "Chaz Kangeroo Hoodie — organic cotton",
            "price": "52.00",
            "special_price": "44.90",
            "status": 1,
            "visibility": 4,
            "description": "<p>Ideal for cold-weather training or work outdoors, the Chaz Hoodie promises superior warmth with every wear.</p>\n<ul><li>Men's Small: 28\" chest</li><li>Machine wash</li></ul>".repeat(4),
            "short_description": "Warm, soft, organic.",
            "weight": "1.25",
            "qty": 120,
            "is_in_stock": true,
            "tags": ["hoodie", "winter", "organic", "men", "sale"]
        }
    })
    .to_string();
    let limits = Limits::default();
    let mut g = c.benchmark_group("validation");
    g.throughput(criterion::Throughput::Bytes(payload.len() as u64));
    g.bench_function("product_update_raw", |b| {
        b.iter(|| {
            black_box(
                spec.validate(Arguments::Raw(black_box(&payload)), &limits)
                    .unwrap(),
            )
        });
    });
    g.bench_function("serde_json_parse_only", |b| {
        b.iter(|| {
            black_box(serde_json::from_str::<serde_json::Value>(black_box(&payload)).unwrap())
        });
    });
    g.finish();
}

/// Realistic arguments for each platform's largest write tool (a product update carrying
/// every writable field, long HTML descriptions included), validated by the tool's own spec.
fn platform_writes(c: &mut Criterion) {
    use std::sync::Arc;
    let http = shopmcp_http::HttpClient::builder().build().unwrap();
    let base = |u: &str| shopmcp_http::BaseUrl::parse(u).unwrap();
    let shopify = shopmcp_shopify::tools(
        &Arc::new(shopmcp_shopify::ShopifyClient::new(
            http.clone(),
            shopmcp_shopify::ShopifyConfig::new(
                shopmcp_http::ShopHandle::parse("bench-shop").unwrap(),
                shopmcp_shopify::ApiVersion::V2026_07,
            ),
        )),
        &shopmcp_shopify::ToolOptions::default(),
    );
    let store = base("https://magento.example.com");
    let magento = shopmcp_magento::tools(
        &Arc::new(shopmcp_magento::MagentoClient::new(
            http.clone(),
            shopmcp_magento::MagentoConfig::new(
                store,
                shopmcp_magento::StoreCode::parse("default", &["default"]).unwrap(),
            ),
        )),
        &shopmcp_magento::ToolOptions::with_customer_pii(false),
    );
    let bigcommerce = shopmcp_bigcommerce::tools(
        &Arc::new(shopmcp_bigcommerce::BigCommerceClient::new(
            http.clone(),
            shopmcp_bigcommerce::BigCommerceConfig::parse("abc123").unwrap(),
        )),
        &shopmcp_bigcommerce::ToolOptions::default(),
    );
    let neto = shopmcp_neto::tools(
        &Arc::new(shopmcp_neto::NetoClient::new(
            http,
            shopmcp_neto::NetoConfig::new(base("https://neto.example.com.au")).unwrap(),
        )),
        &shopmcp_neto::ToolOptions::default(),
    );
    let html = "<p>Ideal for cold-weather training or work outdoors, the Chaz Hoodie promises superior warmth with every wear. Soft, organic cotton; a roomy kangaroo pocket.</p>\n<ul><li>Men's Small: 28\" chest</li><li>Machine wash cold</li><li>Imported</li></ul>\n".repeat(6);
    let cases = [
        (
            &shopify,
            "shopify_products_update",
            json!({
                "product_id": "gid://shopify/Product/8412345678901",
                "title": "Chaz Kangaroo Hoodie — organic cotton",
                "description_html": html,
                "status": "active",
                "tags": ["hoodie", "winter", "organic", "men", "sale", "new-arrival", "bestseller", "gift"],
                "vendor": "Chaz Apparel",
                "product_type": "Hoodies & Sweatshirts",
                "seo_title": "Chaz Kangaroo Hoodie | Organic cotton | Chaz Apparel",
                "seo_description": "Warm, soft and organic: the Chaz Kangaroo Hoodie for cold-weather training, with a roomy pocket. Free returns."
            }),
        ),
        (
            &magento,
            "magento_products_update",
            json!({
                "sku": "MH01-XS-Black",
                "changes": {
                    "name": "Chaz Kangaroo Hoodie — organic cotton",
                    "price": "52.00",
                    "special_price": "44.90",
                    "status": "enabled",
                    "visibility": "catalog_search",
                    "description": html,
                    "short_description": "Warm, soft, organic. A roomy kangaroo pocket.",
                    "weight": "1.25",
                    "qty": "120",
                    "is_in_stock": true
                }
            }),
        ),
        (
            &bigcommerce,
            "bigcommerce_products_update",
            json!({
                "product_id": 11204,
                "changes": {
                    "name": "Chaz Kangaroo Hoodie — organic cotton",
                    "price": "52.00",
                    "sale_price": "44.90",
                    "is_visible": true,
                    "description": html,
                    "weight": "1.25"
                }
            }),
        ),
        (
            &neto,
            "neto_items_update",
            json!({
                "sku": "MH01-XS-Black",
                "changes": {
                    "name": "Chaz Kangaroo Hoodie — organic cotton",
                    "default_price": "52.00",
                    "promotion_price": "44.90",
                    "description": html,
                    "short_description": "Warm, soft, organic. A roomy kangaroo pocket.",
                    "shipping_weight": "1.25",
                    "visible": true
                }
            }),
        ),
    ];
    let limits = Limits::default();
    let mut g = c.benchmark_group("validation");
    for (tools, name, payload) in cases {
        let tool = tools
            .iter()
            .find(|t| t.spec().name() == name)
            .unwrap_or_else(|| panic!("{name} missing"));
        let payload = payload.to_string();
        tool.spec()
            .validate(Arguments::Raw(&payload), &limits)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        g.throughput(criterion::Throughput::Bytes(payload.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    tool.spec()
                        .validate(Arguments::Raw(black_box(&payload)), &limits)
                        .unwrap(),
                )
            });
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline_overhead, validation, platform_writes);
criterion_main!(benches);
