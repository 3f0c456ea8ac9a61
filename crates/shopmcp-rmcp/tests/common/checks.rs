//! The behaviour every transport and era must show, as reusable checks.

use rmcp::model::CallToolRequestParams;
use rmcp::service::ServiceError;
use serde_json::{Value, json};

use super::clients::Client;
use super::{Fixture, first_text};

pub fn args(v: Value) -> rmcp::model::JsonObject {
    match v {
        Value::Object(map) => map,
        other => panic!("arguments must be an object, got {other}"),
    }
}

pub async fn call(
    client: &Client,
    tool: &str,
    v: Value,
) -> Result<rmcp::model::CallToolResult, ServiceError> {
    client
        .call_tool(CallToolRequestParams::new(tool.to_owned()).with_arguments(args(v)))
        .await
}

/// The JSON-RPC error code of a failed request.
pub fn code(e: &ServiceError) -> i32 {
    match e {
        ServiceError::McpError(data) => data.code.0,
        other => panic!("expected a JSON-RPC error, got {other:?}"),
    }
}

/// A's list: sorted, with titles, schemas and annotations from each access class.
pub async fn lists_workspace_a(a: &Client) {
    let tools = a.list_all_tools().await.unwrap();
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(
        names,
        [
            "local_products_list",
            "local_products_update",
            "local_refunds_create"
        ]
    );
    let list = &tools[0];
    assert_eq!(list.title.as_deref(), Some("List products"));
    assert!(list.input_schema.contains_key("properties"));
    assert!(
        list.output_schema
            .as_ref()
            .unwrap()
            .contains_key("properties")
    );
    let ann = list.annotations.as_ref().unwrap();
    assert_eq!(ann.read_only_hint, Some(true));
    assert_eq!(ann.destructive_hint, Some(false));
    let update = tools[1].annotations.as_ref().unwrap();
    assert_eq!(update.read_only_hint, Some(false));
    assert_eq!(update.destructive_hint, Some(true));
    assert_eq!(update.idempotent_hint, Some(true));
}

/// B sees only its own toolbox.
pub async fn lists_workspace_b(b: &Client) {
    let tools = b.list_all_tools().await.unwrap();
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(names, ["local_products_list"]);
}

/// A read returns structured content and the same JSON as text.
pub async fn call_is_structured(a: &Client) {
    let r = call(a, "local_products_list", json!({"limit": 2}))
        .await
        .unwrap();
    assert_eq!(r.is_error, Some(false));
    let structured = r.structured_content.clone().unwrap();
    assert_eq!(structured["products"].as_array().unwrap().len(), 2);
    let mirror: Value = serde_json::from_str(&first_text(&r)).unwrap();
    assert_eq!(mirror, structured);
}

/// Invalid arguments: an `isError` result naming every problem, before any write.
pub async fn invalid_input_is_error(a: &Client, f: &Fixture) {
    let writes = f.catalogue.writes();
    let r = call(
        a,
        "local_products_update",
        json!({"sku": "MUG-01", "changes": {"sku": "HACK", "password": "x"}}),
    )
    .await
    .unwrap();
    assert_eq!(r.is_error, Some(true));
    let text = first_text(&r);
    assert!(
        text.contains("not writable by local_products_update"),
        "{text}"
    );
    assert!(text.contains("password"), "{text}");
    assert_eq!(f.catalogue.writes(), writes);
}

/// A tool that exists nowhere and a tool of another workspace are the same -32602.
pub async fn unknown_tools_look_the_same(b: &Client) {
    let foreign = call(
        b,
        "local_products_update",
        json!({"sku": "MUG-01", "changes": {}}),
    )
    .await
    .unwrap_err();
    let missing = call(b, "local_nothing_here", json!({})).await.unwrap_err();
    assert_eq!(code(&foreign), -32602);
    assert_eq!(code(&missing), -32602);
    let msg = |e: &ServiceError| match e {
        ServiceError::McpError(d) => d.message.to_string(),
        _ => String::new(),
    };
    assert_eq!(
        msg(&foreign).replace("local_products_update", "X"),
        msg(&missing).replace("local_nothing_here", "X")
    );
}

/// Prompts, resources and resource templates are not offered.
pub async fn prompts_and_resources_not_found(a: &Client) {
    assert_eq!(code(&a.list_prompts(None).await.unwrap_err()), -32601);
    assert_eq!(code(&a.list_resources(None).await.unwrap_err()), -32601);
    assert_eq!(
        code(&a.list_resource_templates(None).await.unwrap_err()),
        -32601
    );
}

/// Every check for a pair of clients connected as A and B.
pub async fn all(a: &Client, b: &Client, f: &Fixture) {
    lists_workspace_a(a).await;
    lists_workspace_b(b).await;
    call_is_structured(a).await;
    invalid_input_is_error(a, f).await;
    unknown_tools_look_the_same(b).await;
    prompts_and_resources_not_found(a).await;
}
