//! The review as one JSON object; the module docs of `export` give its
//! shape.

use super::build;
use crate::prepared::Prepared;
use crate::review::Review;

/// The review as one JSON object (see the module docs for its shape).
pub fn json(data: &Prepared, review: &Review) -> String {
    let mut s = serde_json::to_string_pretty(&build(data, review))
        .expect("a report of strings, numbers and booleans serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::super::fixture::fixture;
    use super::*;

    #[test]
    fn json_has_marks_counts_quotes_and_orphans() {
        let (data, review) = fixture();
        let v: serde_json::Value = serde_json::from_str(&json(&data, &review)).expect("valid JSON");
        assert_eq!(v["dataset"]["id"], "fixture-minimal");
        assert_eq!(v["dataset"]["title"], "Fixture talks");
        let c = &v["counts"];
        assert_eq!(
            [
                &c["total"],
                &c["verified"],
                &c["disputed"],
                &c["unreviewed"],
                &c["stale"],
                &c["orphaned"]
            ],
            [3, 1, 1, 1, 0, 1]
        );
        let issues = v["issues"].as_array().expect("issues");
        let ids: Vec<&str> = issues
            .iter()
            .map(|i| i["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids, ["ceasefire", "commission", "meetings"]);
        let north = &issues[0]["positions"][0];
        assert_eq!(north["id"], "north-ceasefire");
        assert_eq!(north["party"], "Northland");
        assert_eq!(north["stance"], "demands");
        assert_eq!(north["by"], "Ana Ruiz");
        assert_eq!(north["mark"], "disputed");
        assert_eq!(north["stale"], false);
        assert_eq!(
            north["note"],
            "The quote says *bold* things\n<script>alert(1)</script>\n\n- not a list ␛[31m"
        );
        assert_eq!(north["reviewer"], "ana");
        assert_eq!(north["time"], "2026-11-22T10:00:00Z");
        let q = &north["quotes"][1];
        assert_eq!(q["id"], "q-ruiz-monitored");
        assert_eq!(q["speaker"], "Ana Ruiz");
        assert_eq!(q["source"]["title"], "Talks resume");
        assert_eq!(q["source"]["publisher"], "Fixture Wire");
        assert_eq!(q["source"]["published"], "2024-05-06");
        assert_eq!(q["review"], serde_json::Value::Null);
        let south = &issues[1]["positions"][0];
        assert_eq!(south["mark"], "verified");
        assert_eq!(south["by"], serde_json::Value::Null);
        assert_eq!(south["note"], serde_json::Value::Null);
        assert_eq!(south["quotes"][0]["review"]["mark"], "flagged");
        let med = &issues[2]["positions"][0];
        assert_eq!(med["mark"], "unreviewed");
        assert_eq!(med["reviewer"], serde_json::Value::Null);
        assert_eq!(med["quotes"][0]["speaker"], serde_json::Value::Null);
        assert_eq!(
            med["quotes"][0]["source"]["publisher"],
            serde_json::Value::Null
        );
        let orphans = v["orphans"].as_array().expect("orphans");
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0]["kind"], "position");
        assert_eq!(orphans[0]["id"], "gone-position");
        assert_eq!(orphans[0]["mark"], "skipped");
        assert_eq!(orphans[0]["note"], "kept *anyway*");
        assert_eq!(orphans[0]["reviewer"], "bo");
    }

    #[test]
    fn stale_marks_are_reported_as_stale() {
        let (data, review) = fixture();
        let mut ds = data.ds.clone();
        let p = data.index.position("south-commission").expect("position");
        ds.positions[p].summary.push_str(" Revised.");
        let data = Prepared::new(ds);
        let v: serde_json::Value = serde_json::from_str(&json(&data, &review)).expect("valid JSON");
        let south = &v["issues"][1]["positions"][0];
        assert_eq!(
            (&south["mark"], &south["stale"]),
            (&"verified".into(), &true.into())
        );
        assert_eq!(v["counts"]["stale"], 1);
        let md = super::super::markdown(&data, &review);
        assert!(md.contains("### ✔ Verified (stale) · Southland"), "{md}");
        assert!(
            md.contains("- **Mark:** ✔ verified (stale — changed since review)"),
            "{md}"
        );
    }

    #[test]
    fn a_reported_position_says_whose_account_and_cites_no_speaker() {
        let (data, review) = fixture();
        let mut ds = data.ds.clone();
        let p = data.index.position("south-commission").expect("position");
        ds.positions[p].reported_by = Some("med".into());
        let data = Prepared::new(ds);
        let v: serde_json::Value = serde_json::from_str(&json(&data, &review)).expect("valid JSON");
        let south = &v["issues"][1]["positions"][0];
        assert_eq!(south["reported_by"], "Mediatoria");
        assert_eq!(south["quotes"][0]["speaker"], serde_json::Value::Null);
        let md = super::super::markdown(&data, &review);
        assert!(
            md.contains("reported by Mediatoria, not stated by the party itself"),
            "{md}"
        );
    }
}
