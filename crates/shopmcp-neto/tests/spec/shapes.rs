//! The vendored spec shapes, and checks of request bodies against them.

use std::collections::BTreeMap;

use serde_json::Value;
use shopmcp_neto::Action;

use crate::common::spec_data;

/// Class name → JSON property → declared type, from both spec files (bases resolved).
pub(crate) struct Shapes {
    classes: BTreeMap<String, BTreeMap<String, String>>,
    enums: BTreeMap<String, Vec<String>>,
    pages: Value,
}

impl Shapes {
    pub(crate) fn load() -> Self {
        let mut raw: Vec<(String, Value)> = Vec::new();
        let shapes = spec_data("NetoDotNET_shapes.json");
        let pages = spec_data("maropost_pages.json");
        for source in [
            shapes.as_object().unwrap(),
            pages["classes"].as_object().unwrap(),
        ] {
            for (key, class) in source {
                let name = key.rsplit("::").next().unwrap().to_owned();
                raw.push((name, class.clone()));
            }
        }
        let mut classes: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut bases: BTreeMap<String, String> = BTreeMap::new();
        for (name, class) in &raw {
            let props = classes.entry(name.clone()).or_default();
            for p in class["properties"].as_array().unwrap() {
                props.insert(
                    p["json"].as_str().unwrap().to_owned(),
                    p["type"].as_str().unwrap().to_owned(),
                );
            }
            if let Some(base) = class["base"].as_str() {
                bases.insert(name.clone(), base.to_owned());
            }
        }
        for (name, base) in bases {
            if let Some(inherited) = classes.get(&base).cloned() {
                classes.get_mut(&name).unwrap().extend(inherited);
            }
        }
        let enums = serde_json::from_value(pages["enums"].clone()).unwrap();
        Self {
            classes,
            enums,
            pages,
        }
    }

    pub(crate) fn class(&self, name: &str) -> &BTreeMap<String, String> {
        self.classes
            .get(name)
            .unwrap_or_else(|| panic!("no class {name} in the spec data"))
    }

    /// The request class, answer key and entity class of `action`.
    pub(crate) fn entities(&self, action: Action) -> (String, String, String) {
        let e = &self.pages["entities"][action.as_str()];
        let s = |k: &str| e[k].as_str().unwrap().to_owned();
        (s("request"), s("answer"), s("entity"))
    }

    /// Checks that `value` fits the declared `ty`.
    fn check(&self, value: &Value, ty: &str, at: &str) {
        let ty = ty.trim_end_matches('?');
        let element = ty
            .strip_suffix("[]")
            .or_else(|| ty.strip_prefix("List<").and_then(|t| t.strip_suffix('>')));
        if let Some(element) = element {
            let items = value
                .as_array()
                .unwrap_or_else(|| panic!("{at}: {ty} needs an array"));
            for (i, item) in items.iter().enumerate() {
                self.check(item, element, &format!("{at}[{i}]"));
            }
            return;
        }
        match ty {
            "string" => assert!(value.is_string(), "{at}: string expected, got {value}"),
            "int" => assert!(
                value.is_i64() || value.is_u64(),
                "{at}: integer expected, got {value}"
            ),
            "bool" => assert!(value.is_boolean(), "{at}: boolean expected, got {value}"),
            "decimal" => {
                let ok = value.is_number()
                    || value.as_str().is_some_and(|s| {
                        let body = s.strip_prefix('-').unwrap_or(s);
                        let (i, f) = body.split_once('.').unwrap_or((body, "0"));
                        !i.is_empty()
                            && !f.is_empty()
                            && (i.to_owned() + f).bytes().all(|b| b.is_ascii_digit())
                    });
                assert!(ok, "{at}: decimal expected, got {value}");
            }
            "DateTime" => {
                let s = value
                    .as_str()
                    .unwrap_or_else(|| panic!("{at}: date-time string expected"));
                let shape: String = s
                    .chars()
                    .map(|c| if c.is_ascii_digit() { '9' } else { c })
                    .collect();
                assert_eq!(
                    shape, "9999-99-99 99:99:99",
                    "{at}: Neto date-time expected, got {s}"
                );
            }
            "object" => assert!(value.is_object(), "{at}: object expected"),
            e if self.enums.contains_key(e) => {
                let s = value
                    .as_str()
                    .unwrap_or_else(|| panic!("{at}: {e} value expected"));
                assert!(
                    self.enums[e].iter().any(|v| v == s),
                    "{at}: `{s}` is not a {e}"
                );
            }
            class => self.check_object(value, class, at),
        }
    }

    /// Checks every key of `value` against class `class`.
    fn check_object(&self, value: &Value, class: &str, at: &str) {
        let props = self.class(class);
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{at}: {class} object expected"));
        for (key, v) in object {
            let ty = props
                .get(key)
                .unwrap_or_else(|| panic!("{at}.{key} is not a property of {class}"));
            self.check(v, ty, &format!("{at}.{key}"));
        }
    }

    /// Checks one `OutputSelector` value against the entity class.
    fn check_selector(&self, entity: &str, selector: &str) {
        let props = self.class(entity);
        match selector.split_once('.') {
            None => assert!(
                props.contains_key(selector),
                "OutputSelector `{selector}` is not a property of {entity}"
            ),
            Some((parent, child)) => {
                let ty = props.get(parent).unwrap_or_else(|| {
                    panic!("OutputSelector `{selector}`: no {parent} in {entity}")
                });
                let inner = ty
                    .trim_end_matches('?')
                    .trim_end_matches("[]")
                    .trim_start_matches("List<")
                    .trim_end_matches('>');
                assert!(
                    self.class(inner).contains_key(child),
                    "OutputSelector `{selector}`: no {child} in {inner}"
                );
            }
        }
    }

    /// Checks a request body of `action`.
    pub(crate) fn check_request(&self, action: Action, body: &Value) {
        if let Some(fixed) = self.pages["bodies"].get(action.as_str()) {
            assert_eq!(body, fixed, "{action} body");
            return;
        }
        let (request, _, entity) = self.entities(action);
        if action.is_read() {
            let filter = body
                .as_object()
                .filter(|o| o.len() == 1)
                .and_then(|o| o.get("Filter"))
                .unwrap_or_else(|| panic!("{action}: the body must be {{\"Filter\": …}}"));
            let props = self.class(&request);
            for (key, v) in filter.as_object().unwrap() {
                match key.as_str() {
                    "OutputSelector" => {
                        let selectors = v.as_array().unwrap();
                        assert!(!selectors.is_empty(), "{action}: no OutputSelector");
                        for s in selectors {
                            self.check_selector(&entity, s.as_str().unwrap());
                        }
                    }
                    "Page" | "Limit" => self.check(v, "int", &format!("{action}.Filter.{key}")),
                    _ => {
                        let ty = props.get(key).unwrap_or_else(|| {
                            panic!("{action}: filter {key} is not in {request}")
                        });
                        self.check(v, ty, &format!("{action}.Filter.{key}"));
                    }
                }
            }
            assert!(
                filter.get("OutputSelector").is_some(),
                "{action}: no OutputSelector"
            );
        } else {
            self.check_object(body, &request, action.as_str());
            assert_eq!(
                body.as_object().unwrap().len(),
                1,
                "{action}: one entity list"
            );
        }
    }
}
