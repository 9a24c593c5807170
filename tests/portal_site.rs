//! The portal (`archrules fleet site`): generated from the hand-made answers in tests/data/portal (which follow
//! FLEET-CONTRACT.md and name a repository and a class `<script>alert(1)</script>`), checked as files and in a real
//! headless Chromium driven through WebDriver.

mod common;
mod portal_support;

use archrules::portal::answers::{self, Answers, LibraryElement, Status, Verdict, WhoUses};
use archrules::portal::{generate, SiteOptions, SourceUrl};
use serde_json::json;
use std::path::{Path, PathBuf};

const EVIL: &str = "<script>alert(1)</script>";
const SOURCE_URL: &str = "https://git.example/{repository}/blob/{commit}/{path}#L{line}";

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/portal")
}

fn options() -> SiteOptions {
    SiteOptions { title: "acme fleet".into(), source_url: Some(SourceUrl::new(SOURCE_URL)) }
}

/// The fixture site, generated into `target/tmp/<name>` (kept, for people to open).
fn fixture_site(name: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&out);
    let answers = answers::read_dir(&data()).expect("fixture answers");
    generate(&answers, &options(), &out).expect("generate");
    out
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all.extend(files(&p));
        } else {
            all.push(p);
        }
    }
    all.sort();
    all
}

fn only_file(dir: &Path, prefix: &str) -> PathBuf {
    let found: Vec<_> =
        files(dir).into_iter().filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix)).collect();
    assert_eq!(found.len(), 1, "one file named {prefix}* in {}", dir.display());
    found[0].clone()
}

#[test]
fn no_name_is_written_as_markup() {
    let site = fixture_site("portal-escaping");
    let mut saw_escaped = 0;
    for f in files(&site) {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(!text.contains(EVIL), "{} holds the name unescaped", f.display());
        if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") {
            saw_escaped += 1;
        }
    }
    // The index, repos.html, rules.html, the library and element pages of Widget.resize, and the repository's page.
    assert!(saw_escaped >= 6, "escaped name found in only {saw_escaped} files");
    let index = std::fs::read_to_string(site.join("search-index-1.js")).unwrap();
    assert!(index.contains("\\u003cscript>alert(1)\\u003c/script>"));
}

#[test]
fn library_page_snapshot() {
    let site = fixture_site("portal-snapshot");
    let page = std::fs::read_to_string(only_file(&site.join("lib"), "com.acme_widgets-")).unwrap();
    insta::assert_snapshot!("library_page", page);
    let element = std::fs::read_to_string(only_file(&site.join("el"), "com.acme.Widget.resize_int_-")).unwrap();
    insta::assert_snapshot!("element_page", element);
    let rules = std::fs::read_to_string(site.join("rules.html")).unwrap();
    let high = rules.find(">HIGH<").unwrap();
    assert!(high < rules.find(">MEDIUM<").unwrap() && rules.find(">MEDIUM<").unwrap() < rules.find(">LOW<").unwrap());
}

#[test]
fn the_cli_generates_the_site_and_refuses_a_bad_row_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let (_, stderr, code) = common::run(&[
        "fleet",
        "site",
        "--from",
        data().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--source-url",
        SOURCE_URL,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("wrote 18 files"), "{stderr}");
    assert!(out.join("index.html").is_file());

    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    for f in ["who_uses.jsonl", "library.jsonl", "rules.jsonl"] {
        std::fs::copy(data().join(f), bad.join(f)).unwrap();
    }
    let mut rows = std::fs::read_to_string(data().join("library.jsonl")).unwrap();
    rows.push_str("{\"library\": \"x:y\", \"apiClass\": \"X\", \"apiMember\": null, \"status\": \"obsolete\", ");
    rows.push_str("\"consumers\": 0, \"uses\": 0, \"verdict\": null}\n");
    std::fs::write(bad.join("library.jsonl"), rows).unwrap();
    let (_, stderr, code) =
        common::run(&["fleet", "site", "--from", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("library.jsonl:8: unknown status `obsolete`"), "{stderr}");

    std::fs::write(bad.join("library.jsonl"), "{\"library\": \"x:y\"\n").unwrap();
    let (_, stderr, code) =
        common::run(&["fleet", "site", "--from", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("library.jsonl:1: "), "{stderr}");

    std::fs::copy(data().join("library.jsonl"), bad.join("library.jsonl")).unwrap();
    std::fs::remove_file(bad.join("rules.jsonl")).unwrap();
    let (_, stderr, code) =
        common::run(&["fleet", "site", "--from", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("rules.jsonl` is missing"), "{stderr}");
}

#[test]
fn a_widely_used_element_is_paginated_and_no_page_is_large() {
    let name = |s: &str| -> answers::Name { s.into() };
    let mut a = Answers::default();
    for i in 0..2_500 {
        a.who_uses.push(WhoUses {
            repository: Some(name(&format!("org/repo-{i:04}"))),
            branch: Some(name("main")),
            module: Some(name("app.jar")),
            consumer_class: name("com.app.Main"),
            consumer_member: Some(name("com.app.Main.run()")),
            source_path: Some(name("src/main/java/com/app/Main.java")),
            line: 10,
            count: 1,
            api_class: name("com.acme.Widget"),
            api_member: Some(name("com.acme.Widget.resize(int)")),
            dependency_kind: name("calls method"),
            status: Status::DeprecatedForRemoval,
            library: name("com.acme:widgets"),
            commit: Some(name("abc")),
            first_seen: Some(name("2026-12-01T00:00:00Z")),
        });
    }
    a.library.push(LibraryElement {
        library: name("com.acme:widgets"),
        api_class: name("com.acme.Widget"),
        api_member: Some(name("com.acme.Widget.resize(int)")),
        status: Status::DeprecatedForRemoval,
        consumers: 2_500,
        uses: 2_500,
        verdict: None,
    });
    let out = tempfile::tempdir().unwrap();
    let summary = generate(&a, &SiteOptions::default(), out.path()).unwrap();
    let pages: Vec<_> = files(&out.path().join("el"));
    assert_eq!(pages.len(), 3, "{pages:?}");
    for p in &pages {
        let page = std::fs::read_to_string(p).unwrap();
        assert!(page.contains("<nav class=\"pager\">"), "{}", p.display());
        assert!(page.matches("<tr><td>").count() <= 1_000, "{}", p.display());
    }
    // 2,500 repositories: five pages of repos.html.
    assert_eq!(
        files(out.path()).iter().filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("repos")).count(),
        5
    );
    assert!(summary.largest.1 < 2 << 20, "{:?}", summary.largest);
}

#[test]
fn a_library_with_thousands_of_elements_is_paginated() {
    // 2,500 deprecated-for-removal elements, each used once, and 700 unused deprecated ones: three pages of element
    // tables, the verdict lists capped on the first.
    let name = |s: &str| -> answers::Name { s.into() };
    let mut a = Answers::default();
    for i in 0..3_200 {
        let (class, member) = (format!("com.acme.C{i:04}"), format!("com.acme.C{i:04}.m()"));
        let used = i < 2_500;
        if used {
            a.who_uses.push(WhoUses {
                repository: Some(name("org/app")),
                branch: Some(name("main")),
                module: Some(name("app.jar")),
                consumer_class: name("com.app.Main"),
                consumer_member: Some(name("com.app.Main.run()")),
                source_path: None,
                line: 1,
                count: 1,
                api_class: name(&class),
                api_member: Some(name(&member)),
                dependency_kind: name("calls method"),
                status: Status::DeprecatedForRemoval,
                library: name("com.acme:widgets"),
                commit: None,
                first_seen: None,
            });
        }
        a.library.push(LibraryElement {
            library: name("com.acme:widgets"),
            api_class: name(&class),
            api_member: Some(name(&member)),
            status: if used { Status::DeprecatedForRemoval } else { Status::Deprecated },
            consumers: used as u64,
            uses: used as u64,
            verdict: Some(if used { Verdict::BlockingRemoval } else { Verdict::SafeToRemove }),
        });
    }
    let out = tempfile::tempdir().unwrap();
    generate(&a, &SiteOptions::default(), out.path()).unwrap();
    let pages = files(&out.path().join("lib"));
    assert_eq!(pages.len(), 4, "{pages:?}");
    let texts: Vec<String> = pages.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let firsts: Vec<&String> = texts.iter().filter(|t| t.contains("<section id=\"blocking\">")).collect();
    assert_eq!(firsts.len(), 1, "the verdicts are on the first page only");
    for p in &pages {
        let page = std::fs::read_to_string(p).unwrap();
        assert!(page.contains("<nav class=\"pager\">"), "{}", p.display());
        assert!(page.matches("<table class=\"filter elements\">").count() >= 1, "{}", p.display());
        assert!(page.len() < 1 << 20, "{}: {} bytes", p.display(), page.len());
    }
    let first = firsts[0];
    assert!(first.contains("<p>2000 more: each element"), "blocking capped");
    assert!(first.contains("<p>200 more: each element"), "safe capped");
}

/// Library → element → consumer in headless Chromium, the search box, and `<script>` names shown as text.
#[test]
fn browse_the_site_in_chromium() {
    let Some(driver) = portal_support::chromedriver() else {
        eprintln!("skipped: chromedriver is not installed (.ci/run installs chromium and chromium-driver)");
        return;
    };
    let site = fixture_site("portal-browser");
    let b = portal_support::Browser::start(&driver);
    let url = |p: &Path| format!("file://{}", p.display());
    b.goto(&url(&site.join("index.html")));
    assert_eq!(b.title(), "Libraries · acme fleet");
    // The repository named <script>...</script> is a link whose text is the name; no script was added to the page.
    b.find_text("table.repos a", EVIL);
    assert_eq!(b.execute("return document.scripts.length"), json!(1));
    assert_eq!(b.execute("return document.querySelectorAll('table.libraries tbody tr').length"), json!(2));

    // Typing filters the libraries table and lists matching elements from the search index.
    let search = b.find("#search");
    b.type_into(&search, "guava");
    let visible = "return document.querySelectorAll('table.libraries tbody tr:not([hidden])').length";
    assert_eq!(b.execute(visible), json!(1));
    b.clear(&search);
    b.type_into(&search, "resize");
    b.wait_for("return document.querySelectorAll('#results a').length", json!(1));
    assert_eq!(b.text(&b.find("#results a")), "com.acme.Widget.resize(int)");
    b.clear(&search);
    b.type_into(&search, "alert");
    b.wait_for("return Array.from(document.querySelectorAll('#results a')).map(a => a.textContent)", json!([EVIL]));

    // Library page.
    b.goto(&url(&site.join("index.html")));
    b.click(&b.find_text("table.libraries a", "com.acme:widgets"));
    assert_eq!(b.text(&b.find("h1")), "com.acme:widgets");
    let blocking = b.text(&b.find("#blocking"));
    assert!(blocking.contains("com.acme.Widget.resize(int)") && blocking.contains(EVIL), "{blocking}");
    assert!(b.text(&b.find("#safe")).contains("com.acme.Widget.oldSize"));
    assert!(b.find_all("figure.chart polyline").len() == 3);
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("portal-library.png");
    std::fs::write(&shot, b.screenshot()).unwrap();
    eprintln!("screenshot of the library page: {}", shot.display());
    let search = b.find("#search");
    b.type_into(&search, "gadget");
    let rows = "return Array.from(document.querySelectorAll('table.elements tbody tr:not([hidden]) a')).map(a => a.textContent)";
    assert_eq!(b.execute(rows), json!(["com.acme.Gadget"]));
    b.clear(&search);
    b.type_into(&search, "");

    // Element page: every consumer, the <script> class as text, file:line linked through --source-url.
    b.click(&b.find_text("table.elements a", "com.acme.Widget.resize(int)"));
    assert_eq!(b.text(&b.find("h1")), "com.acme.Widget.resize(int)");
    let consumers = "return Array.from(document.querySelectorAll('table.consumers tbody tr:not([hidden]) td.member')).map(t => t.textContent)";
    assert_eq!(
        b.execute(consumers),
        json!([
            EVIL.replace("<script>", "com.evil.<script>") + ".run()",
            "com.app.Main.run(int)",
            "com.app.Resizer.<init>()",
            "com.svc.Handler.handle(java.lang.String)"
        ])
    );
    let link = b.find_text("a.src", "src/main/java/com/app/Main.java:12");
    assert_eq!(
        b.attr(&link, "href").as_deref(),
        Some("https://git.example/acme/app/blob/1111111111aaaaaaaaaa2222222222bbbbbbbbbb/src/main/java/com/app/Main.java#L12")
    );
    let evil_link = b.find_text("a.src", &format!("src/{EVIL}.java:3"));
    assert_eq!(
        b.attr(&evil_link, "href").as_deref(),
        Some("https://git.example/%3Cscript%3Ealert%281%29%3C/script%3E/blob/5555555555eeeeeeeeee6666666666ffffffffff/src/%3Cscript%3Ealert%281%29%3C/script%3E.java#L3")
    );
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("portal-element.png"), b.screenshot()).unwrap();
    let search = b.find("#search");
    b.type_into(&search, "svc");
    assert_eq!(b.execute(consumers), json!(["com.svc.Handler.handle(java.lang.String)"]));

    // Consumer → its repository's page.
    b.click(&b.find_text("table.consumers a.repo", "acme/service"));
    assert_eq!(b.text(&b.find("h1")), "acme/service");
    let snapshot = b.text(&b.find("dl.snapshot"));
    assert!(snapshot.contains("incomplete") && snapshot.contains("46 days behind"), "{snapshot}");
    b.click(&b.find_text("table.uses a", "com.google.common.io.Files.createTempDir()"));
    assert!(b.text(&b.find(".summary")).contains("deprecated"));

    // The <script> repository's own page shows its name as its heading.
    b.goto(&url(&site.join("index.html")));
    b.click(&b.find_text("table.repos a", EVIL));
    assert_eq!(b.text(&b.find("h1")), EVIL);
    assert_eq!(b.execute("return document.scripts.length"), json!(1));
}
