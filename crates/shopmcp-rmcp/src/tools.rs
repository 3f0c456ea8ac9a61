//! Conversions between shopmcp's tool vocabulary and rmcp's wire types.

use rmcp::ErrorData;
use rmcp::model::{CallToolResult, ContentBlock, Tool, ToolAnnotations};
use serde_json::Value;
use shopmcp_core::{ErrorKind, ToolError, ToolSpec, Toolbox};

/// The MCP tool definition of `spec`: name, title, description, input and output schemas
/// and the annotations derived from its access class.
///
/// `_meta` cache hints are left unset on purpose: tool lists are per workspace, and rmcp
/// fills `cacheScope: "private"` for peers that expect it.
pub(crate) fn definition(spec: &ToolSpec) -> Tool {
    let a = spec.annotations();
    let annotations = ToolAnnotations::with_title(spec.title())
        .read_only(a.read_only_hint)
        .destructive(a.destructive_hint)
        .idempotent(a.idempotent_hint)
        .open_world(a.open_world_hint);
    Tool::new(
        spec.name().to_owned(),
        spec.description().to_owned(),
        spec.input_schema_shared(),
    )
    .with_title(spec.title())
    .with_raw_output_schema(spec.output_schema_shared())
    .with_annotations(annotations)
}

/// Every tool of `toolbox`, in the toolbox's (name) order.
pub(crate) fn definitions(toolbox: &Toolbox) -> Vec<Tool> {
    toolbox
        .tools()
        .iter()
        .map(|t| definition(t.spec()))
        .collect()
}

/// How a finished call is answered.
///
/// - success: structured content plus a text mirror;
/// - unknown tool (absent from this workspace): JSON-RPC `-32602`, the same for a tool that
///   does not exist and a tool of another workspace;
/// - lost authentication (the workspace vanished mid-session): JSON-RPC invalid request;
/// - everything else (validation, business, upstream, limits): an `isError` result whose
///   text is the model-safe message.
pub(crate) fn answer(result: Result<Value, ToolError>) -> Result<CallToolResult, ErrorData> {
    match result {
        Ok(value) => Ok(CallToolResult::structured(value)),
        Err(e) => match e.kind() {
            ErrorKind::UnknownTool => Err(ErrorData::invalid_params(e.model_message(), None)),
            ErrorKind::Unauthenticated => Err(ErrorData::invalid_request(e.model_message(), None)),
            _ => Ok(CallToolResult::error(vec![ContentBlock::text(
                e.model_message(),
            )])),
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use serde_json::json;

    #[test]
    fn success_is_structured_with_a_text_mirror() {
        let r = answer(Ok(json!({"a": 1}))).unwrap();
        assert_eq!(r.is_error, Some(false));
        assert_eq!(r.structured_content, Some(json!({"a": 1})));
        let text = serde_json::to_value(&r.content[0]).unwrap();
        assert_eq!(text["text"], json!("{\"a\":1}"));
    }

    #[test]
    fn unknown_tool_is_invalid_params_and_others_are_is_error() {
        let e = answer(Err(ToolError::new(
            ErrorKind::UnknownTool,
            "unknown tool: x",
        )))
        .unwrap_err();
        assert_eq!(e.code.0, -32602);
        let r = answer(Err(ToolError::new(
            ErrorKind::NotFound,
            "order 1 was not found",
        )))
        .unwrap();
        assert_eq!(r.is_error, Some(true));
        let text = serde_json::to_value(&r.content[0]).unwrap();
        assert_eq!(text["text"], json!("order 1 was not found"));
        let e = answer(Err(ToolError::new(ErrorKind::Unauthenticated, "no"))).unwrap_err();
        assert_eq!(e.code.0, -32600);
    }
}
