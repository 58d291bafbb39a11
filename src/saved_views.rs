//! The saved views file: `$XDG_CONFIG_HOME/parley/views.ron`, one list
//! for every dataset, each view naming the dataset it was saved on.

use crate::app::ViewsFile;
use std::path::PathBuf;

/// Where saved views live: beside the default config file.
pub fn path() -> Option<PathBuf> {
    crate::config::default_path().map(|p| p.with_file_name("views.ron"))
}

/// The saved views; none when there is no file yet. A file that cannot be
/// read or understood gives an error to show, and is left alone until
/// the user saves a view over it.
pub fn read() -> Result<ViewsFile, String> {
    let Some(path) = path() else {
        return Ok(ViewsFile::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ViewsFile::default()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    ron::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: {}",
            path.display(),
            e.span.start.line,
            e.span.start.col,
            e.code
        )
    })
}

/// Writes the file atomically, creating its folder.
pub fn write(file: &ViewsFile) -> Result<(), String> {
    let path = path().ok_or("no config directory")?;
    let text = ron::ser::to_string_pretty(file, ron::ser::PrettyConfig::default())
        .map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::review::store::save_atomically(&path, format!("{text}\n").as_bytes())
        .map_err(|e| e.to_string())
}
