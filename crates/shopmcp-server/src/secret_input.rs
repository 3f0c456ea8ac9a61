//! Reading secrets: from a no-echo prompt on a terminal, or one line per field from
//! standard input when it is a pipe. Never from argv, never echoed.

use std::io::{BufRead, IsTerminal};

use shopmcp_core::secret::SecretString;
use zeroize::Zeroize;

/// Reads `field` (prompting `label` on a terminal).
pub fn read_secret(
    label: &str,
    lines: &mut dyn BufRead,
    interactive: bool,
) -> std::io::Result<SecretString> {
    let value = if interactive {
        rpassword::prompt_password(format!("{label}: "))?
    } else {
        let mut line = String::new();
        lines.read_line(&mut line)?;
        let trimmed = line.trim_end_matches(['\r', '\n']).to_owned();
        line.zeroize();
        trimmed
    };
    Ok(SecretString::from(value))
}

/// Whether standard input is a terminal (prompt) or a pipe (read lines).
pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}
