//! Dates as datasets write them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A
//! partial date stands for a range and sorts before the full dates inside
//! it: `2022-03` comes before `2022-03-01`, `2014` before `2014-01-01`.

/// A date's place in time, for ordering: year, then month and day, where
/// 0 stands for "not given".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateKey {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl DateKey {
    /// The key of a valid date; `None` for anything else.
    pub fn parse(text: &str) -> Option<DateKey> {
        if !super::valid_date(text) {
            return None;
        }
        let mut parts = text.split('-').map(|p| p.parse::<u16>().ok());
        let year = parts.next().flatten()?;
        let month = parts.next().flatten().unwrap_or(0);
        let day = parts.next().flatten().unwrap_or(0);
        Some(DateKey {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// The last date the key's range covers, for "on or before" tests:
    /// `2022-03` ends with March.
    pub fn end(self) -> DateKey {
        DateKey {
            year: self.year,
            month: if self.month == 0 { 13 } else { self.month },
            day: if self.day == 0 { 32 } else { self.day },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_sort_before_the_full_dates_they_contain() {
        let mut dates = [
            "2022-03-29",
            "2022-03",
            "2014",
            "2022-03-01",
            "2022",
            "2014-02-20",
        ];
        dates.sort_by_key(|d| DateKey::parse(d));
        assert_eq!(
            dates,
            [
                "2014",
                "2014-02-20",
                "2022",
                "2022-03",
                "2022-03-01",
                "2022-03-29"
            ]
        );
        assert_eq!(DateKey::parse("2022-13"), None);
        assert_eq!(DateKey::parse("soon"), None);
        assert!(
            DateKey::parse("2022-03").expect("date").end()
                > DateKey::parse("2022-03-31").expect("date")
        );
    }
}
