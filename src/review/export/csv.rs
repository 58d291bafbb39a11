//! The review as CSV, one row per position, for a spreadsheet.

use super::{QuoteEntry, build};
use crate::prepared::Prepared;
use crate::review::Review;

/// `“text” — Speaker, Title, Publisher, Date`, for the CSV.
fn plain_quote(q: &QuoteEntry) -> String {
    let mut parts = Vec::new();
    parts.extend(q.speaker);
    if let Some(s) = &q.source {
        parts.extend(Some(s.title).filter(|t| !t.is_empty()));
        parts.extend(s.publisher);
        parts.extend(s.published);
    }
    let text = q.text.unwrap_or(q.id);
    if parts.is_empty() {
        format!("“{text}”")
    } else {
        format!("“{text}” — {}", parts.join(", "))
    }
}

/// The review as CSV, one row per position.
pub fn csv(data: &Prepared, review: &Review) -> String {
    let report = build(data, review);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "issue_id",
        "issue_title",
        "position_id",
        "party",
        "stance",
        "date",
        "summary",
        "mark",
        "stale",
        "note",
        "reviewer",
        "time",
        "quotes",
    ];
    w.write_record(header).expect("writing CSV to memory");
    for issue in &report.issues {
        for p in &issue.positions {
            let r = &p.review;
            let quotes: Vec<String> = p.quotes.iter().map(plain_quote).collect();
            let record = [
                issue.id,
                issue.title,
                p.id,
                p.party,
                p.stance,
                p.date.unwrap_or(""),
                p.summary,
                r.mark,
                if r.stale { "true" } else { "false" },
                r.note.as_deref().unwrap_or(""),
                r.reviewer.as_deref().unwrap_or(""),
                r.time.as_deref().unwrap_or(""),
                &quotes.join(" | "),
            ];
            // A cell a spreadsheet would run as a formula is neutralised.
            w.write_record(
                record
                    .map(crate::text::spreadsheet_safe)
                    .iter()
                    .map(|c| c.as_ref()),
            )
            .expect("writing CSV to memory");
        }
    }
    let bytes = w.into_inner().expect("flushing CSV to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::super::fixture::fixture;
    use super::*;

    #[test]
    fn csv_round_trips_multi_line_notes() {
        let (data, review) = fixture();
        let text = csv(&data, &review);
        let mut rd = ::csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = rd
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(
            header.join(","),
            "issue_id,issue_title,position_id,party,stance,date,summary,mark,stale,note,reviewer,time,quotes"
        );
        let rows: Vec<::csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 3);
        let north = &rows[0];
        assert_eq!(&north[0], "ceasefire");
        assert_eq!(&north[2], "north-ceasefire");
        assert_eq!(&north[7], "disputed");
        assert_eq!(&north[8], "false");
        assert_eq!(
            &north[9],
            "The quote says *bold* things\n<script>alert(1)</script>\n\n- not a list ␛[31m"
        );
        assert_eq!(
            &north[12],
            "“will not accept any ceasefire without guarantees” — Northland, Talks resume, Fixture Wire, 2024-05-06 | “a ceasefire - if agreed - must be monitored” — Ana Ruiz, Talks resume, Fixture Wire, 2024-05-06"
        );
        assert_eq!(&rows[1][7], "verified");
        assert_eq!(
            (&rows[2][7], &rows[2][9], &rows[2][10]),
            ("unreviewed", "", "")
        );
    }
}
