//! Turning paths into inputs: classify each path (sequentially: a few `stat`s and directory walks), then list every
//! input in parallel and merge the results in input order, so the output does not depend on thread timing.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::archive::{Layout, Partial, Scanner};
use super::error::{InputError, InputErrorKind};
use super::jar::Blob;
use super::limits::Budget;
use super::walk::{walk, DirListing};
use super::{jmod, ClassEntry, Input, InputId, InputKind, OpenOptions, Opened, Origin, Resource, Role, Source};

/// What to do for one input once classified.
pub(super) enum Task {
    Nothing,
    /// Problems found while classifying a path, kept in path order.
    Warnings(Vec<InputError>),
    Directory(DirListing),
    ClassFile {
        size: u64,
    },
    Archive(Layout),
    /// A jar already in memory.
    Bytes(Blob),
    Image(Arc<super::jimage::JImage>),
}

pub(super) fn add(opened: &mut Opened, paths: &[PathBuf], role: Role, opts: &OpenOptions) {
    let mut tasks = Vec::new();
    for path in paths {
        plan(opened, path, role, &mut tasks);
    }
    run(opened, tasks, opts);
}

pub(super) fn add_jar_bytes(opened: &mut Opened, path: PathBuf, bytes: Vec<u8>, role: Role, opts: &OpenOptions) {
    let mut tasks = Vec::new();
    push(opened, &mut tasks, path, role, InputKind::Jar, Task::Bytes(Blob::from_vec(bytes)));
    run(opened, tasks, opts);
}

pub(super) fn push(
    opened: &mut Opened,
    tasks: &mut Vec<(InputId, Task)>,
    path: PathBuf,
    role: Role,
    kind: InputKind,
    task: Task,
) {
    let id = InputId(u32::try_from(opened.inputs.len()).unwrap_or(u32::MAX));
    opened.inputs.push(Input { path, role, kind });
    tasks.push((id, task));
}

/// Classifies one path into inputs; its warnings go where its entries go, so warnings follow path order too.
fn plan(opened: &mut Opened, path: &Path, role: Role, tasks: &mut Vec<(InputId, Task)>) {
    let first = tasks.len();
    let mut early = Vec::new();
    classify(opened, path, role, tasks, &mut early);
    if !early.is_empty() {
        tasks.insert(first, (InputId(u32::MAX), Task::Warnings(early)));
    }
}

/// Classifies one path into inputs (a jar directory yields one input per jar).
fn classify(
    opened: &mut Opened,
    path: &Path,
    role: Role,
    tasks: &mut Vec<(InputId, Task)>,
    early: &mut Vec<InputError>,
) {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return early.push(InputError::new(path, None, InputErrorKind::NotFound));
        }
        Err(e) => return early.push(InputError::new(path, None, InputErrorKind::Io(e.to_string()))),
    };
    let own = path.to_path_buf();
    // A JDK home is read as the JDK is (its image), not walked: the README lists "the JDK itself" among the targets.
    if meta.is_dir() && super::paths::is_jdk_home(path) {
        if let Err(e) = super::jdk::plan_image(opened, path, role, tasks, &OpenOptions::default()) {
            early.push(e);
        }
        return;
    }
    if meta.is_dir() {
        let listing = walk(path, early);
        // Resources alone (Gradle's `build/resources/main` with `META-INF/archrules/*.arch`) also make a directory input.
        if !listing.classes.is_empty() || !listing.resources.is_empty() {
            push(opened, tasks, own, role, InputKind::Directory, Task::Directory(listing));
        } else if !listing.jars.is_empty() {
            push(opened, tasks, own, role, InputKind::JarDirectory, Task::Nothing);
            for jar in listing.jars {
                let jmod = jar.extension().is_some_and(|e| e.eq_ignore_ascii_case("jmod"));
                let (kind, layout) = if jmod { (InputKind::Jmod, Layout::Jmod) } else { (InputKind::Jar, Layout::Jar) };
                push(opened, tasks, jar, role, kind, Task::Archive(layout));
            }
        } else {
            early.push(InputError::new(path, None, InputErrorKind::EmptyDirectory));
        }
        return;
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let kind = match extension.as_deref() {
        Some("class") => Some(InputKind::ClassFile),
        Some("jmod") => Some(InputKind::Jmod),
        Some("jar" | "zip" | "war" | "ear") => Some(InputKind::Jar),
        _ => sniff(path),
    };
    let task = match kind {
        Some(InputKind::ClassFile) => Task::ClassFile { size: meta.len() },
        Some(InputKind::Jmod) => Task::Archive(Layout::Jmod),
        Some(InputKind::Jar) => Task::Archive(Layout::Jar),
        Some(InputKind::JImage) => Task::Nothing, // replaced below once opened
        Some(InputKind::Directory | InputKind::JarDirectory | InputKind::CtSym) | None => {
            return early.push(InputError::new(path, None, InputErrorKind::UnknownKind));
        }
    };
    let kind = kind.unwrap_or(InputKind::Jar);
    if kind == InputKind::JImage {
        match super::jdk::open_image(path, &OpenOptions::default()) {
            Ok(image) => push(opened, tasks, own, role, kind, Task::Image(Arc::new(image))),
            Err(e) => early.push(InputError::new(path, None, e)),
        }
        return;
    }
    push(opened, tasks, own, role, kind, task);
}

/// Guesses a file's kind from its first bytes.
fn sniff(path: &Path) -> Option<InputKind> {
    let mut head = [0u8; 4];
    fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).ok()?;
    match &head {
        [0xCA, 0xFE, 0xBA, 0xBE] => Some(InputKind::ClassFile),
        [b'P', b'K', ..] => Some(InputKind::Jar),
        b"JM\x01\x00" => Some(InputKind::Jmod),
        [0xDA, 0xDA, 0xFE, 0xCA] | [0xCA, 0xFE, 0xDA, 0xDA] => Some(InputKind::JImage),
        _ => None,
    }
}

pub(super) fn run(opened: &mut Opened, tasks: Vec<(InputId, Task)>, opts: &OpenOptions) {
    let inputs = &opened.inputs;
    let partials: Vec<Partial> = tasks
        .into_par_iter()
        .map(|(id, task)| {
            let path = usize::try_from(id.0).ok().and_then(|i| inputs.get(i)).map(|input| input.path.clone());
            let mut scanner =
                Scanner { input: id, path: Arc::from(path.unwrap_or_default()), opts, out: Partial::default() };
            list(&mut scanner, task);
            scanner.out
        })
        .collect();
    opened.entries.reserve(partials.iter().map(|p| p.entries.len()).sum());
    for partial in partials {
        opened.entries.extend(partial.entries);
        opened.resources.extend(partial.resources);
        opened.warnings.extend(partial.warnings);
    }
}

fn list(scanner: &mut Scanner<'_>, task: Task) {
    let path = Arc::clone(&scanner.path);
    match task {
        Task::Nothing => {}
        Task::Warnings(warnings) => scanner.out.warnings.extend(warnings),
        Task::ClassFile { size } => {
            if let Err(kind) = scanner.opts.limits.check_entry(size, size) {
                return scanner.warn(None, kind);
            }
            let hint = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let origin = Origin { input: scanner.input, entry: None };
            let source = Source::File(path.to_path_buf());
            scanner.out.entries.push(ClassEntry::new(hint, origin, Arc::clone(&path), source));
        }
        Task::Directory(listing) => directory(scanner, listing),
        Task::Archive(layout) => {
            let blob = match Blob::open(&path) {
                Ok(blob) => blob,
                Err(e) => return scanner.warn(None, InputErrorKind::Io(e.to_string())),
            };
            let blob = match layout {
                Layout::Jar => blob,
                Layout::Jmod => match jmod::zip_of(&blob) {
                    Ok(zip) => zip,
                    Err(kind) => return scanner.warn(None, kind),
                },
            };
            let mut budget = Budget::new(&scanner.opts.limits);
            scanner.archive(&blob, layout, "", 0, &mut budget);
        }
        Task::Bytes(blob) => {
            let mut budget = Budget::new(&scanner.opts.limits);
            scanner.archive(&blob, Layout::Jar, "", 0, &mut budget);
        }
        Task::Image(image) => super::jdk::image_entries(scanner, &image),
    }
}

fn directory(scanner: &mut Scanner<'_>, listing: DirListing) {
    let limits = scanner.opts.limits;
    for file in listing.classes {
        if let Err(kind) = limits.check_entry(file.size, file.size) {
            scanner.out.warnings.push(InputError::new(&file.path, None, kind));
            continue;
        }
        let hint = file.rel.strip_suffix(".class").unwrap_or(&file.rel);
        let origin = Origin { input: scanner.input, entry: Some(Arc::from(file.rel.as_str())) };
        let entry = ClassEntry::new(hint, origin, Arc::clone(&scanner.path), Source::File(file.path));
        scanner.out.entries.push(entry);
    }
    for file in listing.resources {
        let read = limits
            .check_entry(file.size, file.size)
            .and_then(|()| fs::read(&file.path).map_err(|e| InputErrorKind::Io(e.to_string())));
        match read {
            Ok(bytes) => {
                let origin = Origin { input: scanner.input, entry: Some(Arc::from(file.rel.as_str())) };
                scanner.out.resources.push(Resource { origin, path: file.rel, bytes });
            }
            Err(kind) => scanner.out.warnings.push(InputError::new(&file.path, None, kind)),
        }
    }
}
