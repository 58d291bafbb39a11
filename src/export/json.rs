//! The dataset as one JSON object: the resolved model with the dataset's
//! own field names, each quote with where it sits in its source.

use crate::prepared::Prepared;
use serde_json::{Value, json};

/// Names the shape of the JSON, so readers can tell versions apart.
pub const SCHEMA: &str = "parley-export/1";

pub fn json(data: &Prepared) -> String {
    let mut doc = serde_json::to_value(&data.ds).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut doc {
        map.insert("schema".into(), json!(SCHEMA));
        if let Some(Value::Array(quotes)) = map.get_mut("quotes") {
            for (q, quote) in data.ds.quotes.keys().zip(quotes.iter_mut()) {
                let ranges: Vec<[usize; 2]> = data.ds.quotes[q]
                    .anchor
                    .iter()
                    .map(|r| [r.start, r.end])
                    .collect();
                if let Value::Object(fields) = quote {
                    fields.insert(
                        "anchor".into(),
                        json!({
                            "state": data.ds.quotes[q].anchor_state,
                            "ranges": ranges,
                        }),
                    );
                }
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
