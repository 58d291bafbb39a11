//! Where a dataset's review file is kept when `--review` is not given.

use super::StoreError;
use std::path::PathBuf;

/// `$XDG_STATE_HOME/parley/<name>.review.ron`, or the platform's
/// equivalent (`~/.local/state` when the variable is unset); see
/// [`file_name`] for the name.
pub fn default_path(dataset_id: &str) -> Result<PathBuf, StoreError> {
    Ok(state_dir()?.join(file_name(dataset_id)))
}

fn state_dir() -> Result<PathBuf, StoreError> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|_| StoreError::NoStateDir)?;
    let dir = base.state_dir().unwrap_or_else(|| base.data_dir());
    Ok(dir.join("parley"))
}

/// Longest id kept as it is in a file name.
const MAX_NAME: usize = 100;

/// The default review file's name for a dataset id, unique per id. An id
/// of ASCII letters, digits, `-`, `_` and `.` (not starting with `.`) is
/// used as it is: `ru-ua-2022-03.review.ron`. Any other id (non-ASCII,
/// `/`, spaces, …) has every other character written `_` and a hash of
/// the whole id added, so ids that read alike never share a file:
/// `переговоры` → `__________-e6fb71445093247f.review.ron`.
pub fn file_name(dataset_id: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if !dataset_id.is_empty()
        && !dataset_id.starts_with('.')
        && dataset_id.len() <= MAX_NAME
        && dataset_id.chars().all(plain)
    {
        return format!("{dataset_id}.review.ron");
    }
    // The id comes from the dataset: keep it from naming another folder.
    let safe: String = dataset_id
        .chars()
        .take(MAX_NAME)
        .map(|c| if plain(c) { c } else { '_' })
        .collect();
    let safe = safe.trim_start_matches('.');
    format!("{safe}-{:016x}.review.ron", fnv1a(dataset_id.as_bytes()))
}

/// Where earlier versions kept the review of an id that [`file_name`] now
/// names differently (every unusual character `_`, no hash).
pub fn legacy_path(dataset_id: &str) -> Result<PathBuf, StoreError> {
    let safe: String = dataset_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    Ok(state_dir()?.join(format!("{safe}.review.ron")))
}

/// The review file of a dataset when `--review` is not given: the default
/// path, unless the file earlier versions used for this id exists and
/// holds this dataset's review (then it is still used, so no mark made
/// before is lost from sight).
pub fn default_or_legacy(dataset_id: &str) -> Result<PathBuf, StoreError> {
    let path = default_path(dataset_id)?;
    let legacy = legacy_path(dataset_id)?;
    if legacy != path
        && !path.exists()
        && legacy.exists()
        && let Ok(file) = super::read(&legacy)
        && file.dataset == dataset_id
    {
        return Ok(legacy);
    }
    Ok(path)
}

/// 64-bit FNV-1a: stable across Rust versions and platforms, so a file
/// name computed today is the same tomorrow.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_are_unique_per_id_and_plain_ids_keep_theirs() {
        assert_eq!(file_name("ru-ua-2022-03"), "ru-ua-2022-03.review.ron");
        assert_eq!(file_name("A_b.c"), "A_b.c.review.ron");
        let names: Vec<String> = ["переговоры", "αβγδεζηθικ", "a/b", "a_b-", "a b", ".a", "a"]
            .iter()
            .map(|id| file_name(id))
            .collect();
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(
            file_name("переговоры"),
            "__________-e6fb71445093247f.review.ron"
        );
        for name in &names {
            assert!(!name.contains('/') && !name.starts_with('.'), "{name}");
        }
        let long = "x".repeat(300);
        assert!(file_name(&long).len() < 140);
    }

    #[test]
    fn default_path_uses_xdg_state_home_and_a_safe_name() {
        // Only checks the name part: the folder depends on the environment.
        let p = default_path("../evil/id").expect("path");
        assert_eq!(
            p.file_name().and_then(|n| n.to_str()),
            Some("_evil_id-8756222391cb5658.review.ron")
        );
        assert_eq!(
            p.parent()
                .and_then(|d| d.file_name())
                .and_then(|n| n.to_str()),
            Some("parley")
        );
    }
}
