//! Field paths for violation messages, built without allocating on the happy path.

use std::fmt::{self, Write};

/// A path segment.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// A field path as a linked list of segments (parent pointers on the stack).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

impl<'a> Path<'a> {
    pub(crate) const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    pub(crate) fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    /// Whether this path is `(root).<name>` exactly.
    pub(crate) fn is_top_level_key(&self, name: &str) -> bool {
        matches!(self.seg, Seg::Key(k) if k == name)
            && matches!(self.parent, Some(p) if matches!(p.seg, Seg::Root))
    }

    /// Whether this path is the root.
    pub(crate) fn is_root(&self) -> bool {
        matches!(self.seg, Seg::Root)
    }

    fn render_into(&self, out: &mut String) {
        if let Some(p) = self.parent {
            p.render_into(out);
        }
        match self.seg {
            Seg::Root => {}
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                push_sanitized(out, k);
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.render_into(&mut s);
        if s.is_empty() {
            s.push_str("(root)");
        }
        f.write_str(&s)
    }
}

/// Writes a model-supplied key so that it cannot inject text into a message: characters
/// outside `[A-Za-z0-9_-]` become `\u{XXXX}`, and long keys are cut at 64 characters.
pub(crate) fn push_sanitized(out: &mut String, key: &str) {
    for (n, c) in key.chars().enumerate() {
        if n >= 64 {
            out.push('…');
            break;
        }
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
        }
    }
}
