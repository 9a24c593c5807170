//! A small WebDriver client for the portal's browser test: plain HTTP/1.1 over a `TcpStream` to a local
//! chromedriver, JSON through serde_json. Lighter to build than an async client on a shared 2-core machine.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The key WebDriver gives element references under.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// chromedriver on `PATH` (or Debian's path), `None` when it is not installed.
pub fn chromedriver() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("chromedriver"))
        .find(|p| p.is_file());
    on_path.or_else(|| Some(PathBuf::from("/usr/bin/chromedriver")).filter(|p| p.is_file()))
}

/// A running chromedriver with one headless Chromium session; both end when it is dropped.
pub struct Browser {
    child: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Browser {
    pub fn start(driver: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().unwrap();
        let mut b = Browser { child, port, session: String::new(), _profile: profile };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(status) = b.http("GET", "/status", None) {
                if status["value"]["ready"] == json!(true) {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not become ready on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .into_iter()
            .find(|p| Path::new(p).is_file());
        let mut options = json!({"args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,1000",
            format!("--user-data-dir={}", b._profile.path().display()),
        ]});
        if let Some(c) = chromium {
            options["binary"] = json!(c);
        }
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}});
        let created = b.call("POST", "/session", Some(caps));
        b.session = created["sessionId"].as_str().expect("a session id").to_string();
        b
    }

    fn http(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        );
        stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
        // chromedriver keeps the connection open despite `Connection: close`: read the header, then exactly the
        // body its Content-Length announces (or chunks up to the last one).
        let mut response = Vec::new();
        let mut buf = [0u8; 65536];
        let split = loop {
            if let Some(p) = response.windows(4).position(|w| w == b"\r\n\r\n") {
                break p;
            }
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("connection closed before the HTTP header ended".into());
            }
            response.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
        let mut payload = response[split + 4..].to_vec();
        let length =
            head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok());
        let chunked = head.contains("transfer-encoding: chunked") || head.contains("transfer-encoding:chunked");
        loop {
            let done = match length {
                Some(n) => payload.len() >= n,
                None if chunked => payload.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if done {
                break;
            }
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            payload.extend_from_slice(&buf[..n]);
        }
        if chunked {
            payload = dechunk(&payload);
        }
        serde_json::from_slice(&payload).map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&payload)))
    }

    /// A WebDriver command; panics with the driver's message on an error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let v = self.http(method, path, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        if let Some(err) = v["value"]["error"].as_str() {
            panic!("{method} {path}: {err}: {}", v["value"]["message"]);
        }
        v["value"].clone()
    }

    fn s(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", &self.s("/url"), Some(json!({"url": url})));
    }

    pub fn title(&self) -> String {
        self.call("GET", &self.s("/title"), None).as_str().unwrap_or_default().to_string()
    }

    pub fn url(&self) -> String {
        self.call("GET", &self.s("/url"), None).as_str().unwrap_or_default().to_string()
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let v = self.call("POST", &self.s("/elements"), Some(json!({"using": "css selector", "value": css})));
        v.as_array().unwrap().iter().map(|e| Element(e[ELEMENT].as_str().unwrap().to_string())).collect()
    }

    pub fn find(&self, css: &str) -> Element {
        self.find_all(css).into_iter().next().unwrap_or_else(|| panic!("no element matches `{css}` on {}", self.url()))
    }

    /// The first element matching `css` whose rendered text is `text`.
    pub fn find_text(&self, css: &str, text: &str) -> Element {
        self.find_all(css)
            .into_iter()
            .find(|e| self.text(e) == text)
            .unwrap_or_else(|| panic!("no `{css}` reads `{text}` on {}", self.url()))
    }

    pub fn text(&self, e: &Element) -> String {
        self.call("GET", &self.s(&format!("/element/{}/text", e.0)), None).as_str().unwrap_or_default().to_string()
    }

    pub fn attr(&self, e: &Element, name: &str) -> Option<String> {
        self.call("GET", &self.s(&format!("/element/{}/attribute/{name}", e.0)), None).as_str().map(str::to_string)
    }

    pub fn click(&self, e: &Element) {
        self.call("POST", &self.s(&format!("/element/{}/click", e.0)), Some(json!({})));
    }

    pub fn clear(&self, e: &Element) {
        self.call("POST", &self.s(&format!("/element/{}/clear", e.0)), Some(json!({})));
    }

    pub fn type_into(&self, e: &Element, text: &str) {
        self.call("POST", &self.s(&format!("/element/{}/value", e.0)), Some(json!({"text": text})));
    }

    pub fn execute(&self, script: &str) -> Value {
        self.call("POST", &self.s("/execute/sync"), Some(json!({"script": script, "args": []})))
    }

    /// Polls `script` until it returns `expected` (the search index loads asynchronously), panicking after 10 s.
    pub fn wait_for(&self, script: &str, expected: Value) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let got = self.execute(script);
            if got == expected {
                return;
            }
            assert!(Instant::now() < deadline, "`{script}` gave {got}, expected {expected}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        base64_decode(self.call("GET", &self.s("/screenshot"), None).as_str().unwrap())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.http("DELETE", &self.s(""), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[(eol + 4 + size).min(data.len())..];
    }
    out
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(val(c)) << (18 - 6 * i);
        }
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}
