//! The documentation stands on its own: every link in `README.md` and `docs/` resolves to a
//! file in the repository (and an anchor to a heading in it), and nothing sends a reader
//! outside it.

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    use crate::paths;

    /// README.md and every Markdown file under docs/.
    fn documents() -> Vec<PathBuf> {
        let root = paths::repo_root();
        let mut files = vec![root.join("README.md")];
        let mut folders = vec![root.join("docs")];
        while let Some(folder) = folders.pop() {
            for entry in fs::read_dir(&folder).unwrap().map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    files.push(path);
                }
            }
        }
        files
    }

    /// Inline link targets `[text](target)` outside code spans and fences.
    fn links(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut fenced = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
                continue;
            }
            if fenced {
                continue;
            }
            // Code spans may hold `](` that is not a link.
            let plain: String = line
                .split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, part)| part)
                .collect::<Vec<_>>()
                .join(" ");
            let mut rest = plain.as_str();
            while let Some(at) = rest.find("](") {
                let after = &rest[at + 2..];
                let Some(end) = after.find(')') else { break };
                let target = after[..end].split_whitespace().next().unwrap_or_default();
                found.push(target.to_owned());
                rest = &after[end..];
            }
        }
        found
    }

    /// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
    fn slug(heading: &str) -> String {
        heading
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect()
    }

    fn anchors(markdown: &str) -> Vec<String> {
        let mut fenced = false;
        markdown
            .lines()
            .filter(|line| {
                if line.trim_start().starts_with("```") {
                    fenced = !fenced;
                    return false;
                }
                !fenced && line.starts_with('#')
            })
            .map(|line| slug(line.trim_start_matches('#')))
            .collect()
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(
            slug(" Benchmark: `cargo xtask bench-server`"),
            "benchmark-cargo-xtask-bench-server"
        );
        assert_eq!(slug("Operate: what to watch"), "operate-what-to-watch");
        assert_eq!(slug("시간 (KST)"), "시간-kst");
    }

    #[test]
    fn every_link_in_the_docs_resolves_inside_the_repository() {
        let root = paths::repo_root();
        let mut broken = Vec::new();
        let mut checked = 0;
        for doc in documents() {
            let text = fs::read_to_string(&doc).unwrap();
            let shown = doc
                .strip_prefix(&root)
                .unwrap_or(&doc)
                .display()
                .to_string();
            if text.contains("../shared") {
                broken.push(format!(
                    "{shown}: points at ../shared, outside the repository"
                ));
            }
            for target in links(&text) {
                if target.starts_with("http://")
                    || target.starts_with("https://")
                    || target.starts_with("mailto:")
                    || target.starts_with("tel:")
                {
                    continue;
                }
                checked += 1;
                let (file, anchor) = match target.split_once('#') {
                    Some((file, anchor)) => (file, Some(anchor)),
                    None => (target.as_str(), None),
                };
                let path = if file.is_empty() {
                    doc.clone()
                } else {
                    doc.parent().unwrap_or(Path::new(".")).join(file)
                };
                let Ok(resolved) = path.canonicalize() else {
                    broken.push(format!("{shown}: {target} does not exist"));
                    continue;
                };
                if !resolved.starts_with(root.canonicalize().unwrap()) {
                    broken.push(format!("{shown}: {target} is outside the repository"));
                    continue;
                }
                if let Some(anchor) = anchor {
                    let heads = fs::read_to_string(&resolved)
                        .map(|t| anchors(&t))
                        .unwrap_or_default();
                    if !heads.iter().any(|h| h == anchor) {
                        broken.push(format!("{shown}: {target}: no heading #{anchor}"));
                    }
                }
            }
        }
        assert!(
            checked > 20,
            "only {checked} links found: is the scan right?"
        );
        assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    }
}
