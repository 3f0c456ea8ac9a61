//! Invariants of errors built from upstream answers.

/// A marker the structure-aware generators plant in upstream bodies: it may reach a model
/// message only where a platform shows the store's own validation text, and never an
/// operator log's detail.
pub const CANARY: &str = "zqcanary";

/// Checks a [`ToolError`](crate::ToolError) built from an upstream answer.
///
/// Returns `Err` when the model message is longer than `max_chars` characters, carries a
/// control character other than a newline, or carries [`CANARY`] while `canary_allowed` is
/// false; or when the operator detail (the log text beyond the model message) carries
/// [`CANARY`].
pub fn check_tool_error(
    err: &crate::ToolError,
    max_chars: usize,
    canary_allowed: bool,
) -> Result<(), String> {
    let message = err.model_message();
    let chars = message.chars().count();
    if chars > max_chars {
        return Err(format!(
            "a {chars}-character model message (cap {max_chars})"
        ));
    }
    if message.chars().any(|c| c.is_control() && c != '\n') {
        return Err("a model message carries a control character".to_owned());
    }
    if !canary_allowed && message.contains(CANARY) {
        return Err("a model message repeats upstream body text".to_owned());
    }
    if err.log_detail().replace(&message, "").contains(CANARY) {
        return Err("an operator log detail repeats upstream body text".to_owned());
    }
    Ok(())
}
