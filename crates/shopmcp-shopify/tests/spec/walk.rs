//! Walks that find deprecated schema elements in documents and in variables.

use std::collections::BTreeSet;

use apollo_compiler::ExecutableDocument;
use apollo_compiler::Schema;
use apollo_compiler::ast::{Type, Value as AstValue};
use apollo_compiler::executable::{Selection, SelectionSet};
use apollo_compiler::schema::ExtendedType;
use serde_json::Value;

/// Everything deprecated a selection set touches: fields, their arguments, enum literals.
pub(crate) fn deprecated_in(
    schema: &Schema,
    exe: &ExecutableDocument,
    set: &SelectionSet,
    seen: &mut BTreeSet<String>,
    out: &mut BTreeSet<String>,
) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                let def = &field.definition;
                let at = format!("{}.{}", set.ty, field.name);
                if def.directives.has("deprecated") {
                    out.insert(at.clone());
                }
                for arg in &field.arguments {
                    let Some(arg_def) = def.arguments.iter().find(|a| a.name == arg.name) else {
                        continue;
                    };
                    if arg_def.directives.has("deprecated") {
                        out.insert(format!("{at}({}:)", arg.name));
                    }
                    if let AstValue::Enum(value) = &*arg.value
                        && let Some(ExtendedType::Enum(e)) =
                            schema.types.get(arg_def.ty.inner_named_type())
                        && e.values
                            .get(value)
                            .is_some_and(|v| v.directives.has("deprecated"))
                    {
                        out.insert(format!("{at}({}: {value})", arg.name));
                    }
                }
                deprecated_in(schema, exe, &field.selection_set, seen, out);
            }
            Selection::InlineFragment(inline) => {
                deprecated_in(schema, exe, &inline.selection_set, seen, out);
            }
            Selection::FragmentSpread(spread) => {
                if seen.insert(spread.fragment_name.to_string())
                    && let Some(fragment) = exe.fragments.get(&spread.fragment_name)
                {
                    deprecated_in(schema, exe, &fragment.selection_set, seen, out);
                }
            }
        }
    }
}

/// Deprecated input fields reached by `value` of type `ty`.
pub(crate) fn deprecated_inputs(
    schema: &Schema,
    ty: &Type,
    value: &Value,
    at: &str,
    out: &mut BTreeSet<String>,
) {
    match value {
        Value::Array(items) if ty.is_list() => {
            for item in items {
                deprecated_inputs(schema, ty.item_type(), item, at, out);
            }
        }
        Value::Object(map) => {
            let Some(ExtendedType::InputObject(io)) = schema.types.get(ty.inner_named_type())
            else {
                return;
            };
            for (key, v) in map {
                let Some(def) = io.fields.get(key.as_str()) else {
                    continue;
                };
                let path = format!("{at}.{key}");
                if def.directives.has("deprecated") {
                    out.insert(path.clone());
                }
                deprecated_inputs(schema, &def.ty, v, &path, out);
            }
        }
        _ => {}
    }
}
