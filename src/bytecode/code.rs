//! The instruction scan of a `Code` attribute (JVMS 4.7.3, chapter 6): every instruction's length is decoded so
//! the scan stays aligned, and every symbolic reference to a class or member becomes a [`CodeRef`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::attributes::{for_each, Bootstraps};
use super::constant_pool::{tag, ConstantPool};
use super::cursor::{be_u16, be_u32, At, Cursor, Result};
use super::error::{ClassFileError, ErrorKind};
use super::model::{Catch, ClassFile, Code, CodeRef, LineSpan, RefKind, Str};

/// Length of each fixed-size instruction, by opcode; 0 for undefined opcodes and for the variable-length
/// ones (`tableswitch`, `lookupswitch`, `wide`), which the scan handles itself.
const LENGTHS: [u8; 256] = lengths();

// Const-evaluated over 0..256: an out-of-range index would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
const fn lengths() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut op = 0;
    while op < 256 {
        t[op] = match op as u8 {
            0x00..=0x0f => 1,        // nop, aconst_null, iconst_*, lconst_*, fconst_*, dconst_*
            0x10 => 2,               // bipush
            0x11 => 3,               // sipush
            0x12 => 2,               // ldc
            0x13 | 0x14 => 3,        // ldc_w, ldc2_w
            0x15..=0x19 => 2,        // iload..aload
            0x1a..=0x35 => 1,        // *load_n, *aload
            0x36..=0x3a => 2,        // istore..astore
            0x3b..=0x83 => 1,        // *store_n, *astore, stack, arithmetic
            0x84 => 3,               // iinc
            0x85..=0x98 => 1,        // conversions, comparisons
            0x99..=0xa8 => 3,        // if*, goto, jsr
            0xa9 => 2,               // ret
            0xac..=0xb1 => 1,        // *return
            0xb2..=0xb8 => 3,        // get/put field/static, invokevirtual/special/static
            0xb9 | 0xba => 5,        // invokeinterface, invokedynamic
            0xbb => 3,               // new
            0xbc => 2,               // newarray
            0xbd => 3,               // anewarray
            0xbe | 0xbf => 1,        // arraylength, athrow
            0xc0 | 0xc1 => 3,        // checkcast, instanceof
            0xc2 | 0xc3 => 1,        // monitorenter, monitorexit
            0xc5 => 4,               // multianewarray
            0xc6 | 0xc7 => 3,        // ifnull, ifnonnull
            0xc8 | 0xc9 => 5,        // goto_w, jsr_w
            0xca | 0xfe | 0xff => 1, // breakpoint, impdep1, impdep2 (reserved)
            _ => 0,                  // tableswitch, lookupswitch, wide, undefined
        };
        op += 1;
    }
    t
}

/// The reference each opcode with a constant-pool operand makes; `None` for the others and for the ones the scan
/// handles itself (`ldc`, `ldc_w`: only class constants are references; `invokedynamic`). A table rather than a
/// `match`, whose jump table mispredicted on every instruction with a reference.
const REFS: [Option<RefKind>; 256] = refs_by_opcode();

// Const-evaluated over 0..256: an out-of-range index would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
const fn refs_by_opcode() -> [Option<RefKind>; 256] {
    let refs = [
        (0xb2, RefKind::GetStatic),
        (0xb3, RefKind::PutStatic),
        (0xb4, RefKind::GetField),
        (0xb5, RefKind::PutField),
        (0xb6, RefKind::InvokeVirtual),
        (0xb7, RefKind::InvokeSpecial),
        (0xb8, RefKind::InvokeStatic),
        (0xb9, RefKind::InvokeInterface),
        (0xbb, RefKind::New),
        (0xbd, RefKind::ANewArray),
        (0xc0, RefKind::CheckCast),
        (0xc1, RefKind::InstanceOf),
        (0xc5, RefKind::MultiANewArray),
    ];
    let mut t = [None; 256];
    let mut i = 0;
    while i < refs.len() {
        let (op, kind): (u8, RefKind) = refs[i];
        t[op as usize] = Some(kind);
        i += 1;
    }
    t
}

impl<'a> ClassFile<'a> {
    /// Every symbolic reference a method body's instructions make, in instruction order.
    pub fn refs(&self, code: &Code<'_>) -> &[CodeRef] {
        self.code_refs.get(code.refs.start as usize..code.refs.end as usize).unwrap_or_default()
    }

    /// Owner (an internal name, or an array descriptor), name and descriptor of what a code reference names; name
    /// and descriptor are empty for class-only references. Borrowed unless a name needed decoding. The scan checked
    /// the constant, so this cannot fail for a reference of this class; a foreign one gives empty names.
    pub fn code_ref(&self, r: &CodeRef) -> (Str<'a>, Str<'a>, Str<'a>) {
        if let Some(names) = self.checked_refs.get(r) {
            return names.clone();
        }
        resolve(&self.pool, r).unwrap_or((Str::Borrowed(""), Str::Borrowed(""), Str::Borrowed("")))
    }
}

/// [`ClassFile::code_ref`], checked: the scan uses it to check each constant once.
fn resolve<'a>(cp: &ConstantPool<'a>, r: &CodeRef) -> std::result::Result<(Str<'a>, Str<'a>, Str<'a>), ErrorKind> {
    Ok(match r.kind {
        kind if kind.names_class() => (cp.class(r.index)?, Str::Borrowed(""), Str::Borrowed("")),
        RefKind::InvokeDynamic => {
            let (owner, _, _) = cp.member_ref(r.bootstrap)?;
            let (name, descriptor) = cp.name_and_type(r.index)?;
            (owner, name, descriptor)
        }
        _ => cp.member_ref(r.index)?,
    })
}

/// The constants the scan has checked in this class, with the names it decoded checking them: a method names the
/// same constants again and again, checking one means walking up to four entries and their text, and a reader
/// asking [`ClassFile::code_ref`] for the names then gets them without decoding them again.
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckedRefs<'a> {
    /// By constant-pool index: 1 + the constant's place in `names`, 0 when unchecked.
    slots: Vec<u32>,
    names: Vec<(Str<'a>, Str<'a>, Str<'a>)>,
}

impl<'a> CheckedRefs<'a> {
    pub(crate) fn new(pool_len: usize) -> Self {
        // About one checked reference per eight constants, on the Spark corpus.
        CheckedRefs { slots: vec![0; pool_len], names: Vec::with_capacity(pool_len / 8) }
    }

    /// The names of `r`'s constant, when the scan checked it. An index names one constant, so what was decoded for
    /// one reference is right for any other through that index, `invokedynamic` apart (its index is the call
    /// site's name and type, and its owner comes from the bootstrap method).
    fn get(&self, r: &CodeRef) -> Option<&(Str<'a>, Str<'a>, Str<'a>)> {
        if r.kind == RefKind::InvokeDynamic {
            return None;
        }
        let slot = *self.slots.get(usize::from(r.index))?;
        self.names.get(slot.checked_sub(1)? as usize)
    }

    /// Checks that the constant of `r`, a reference by one index (not an `invokedynamic`), exists and has the
    /// right kind, the first time its index is seen. An index names one constant, which suits either class-only or
    /// member references, never both: a seen index passes again when its tag suits this reference's kind.
    fn check(&mut self, cp: &ConstantPool<'a>, r: &CodeRef) -> std::result::Result<(), ErrorKind> {
        let suits = || match cp.tag(r.index) {
            Some(tag::CLASS) => r.kind.names_class(),
            Some(tag::FIELDREF..=tag::INTERFACE_METHODREF) => !r.kind.names_class(),
            _ => false,
        };
        if self.slots.get(usize::from(r.index)).is_some_and(|&s| s != 0) && suits() {
            return Ok(());
        }
        let names = resolve(cp, r)?;
        if let Some(slot) = self.slots.get_mut(usize::from(r.index)) {
            self.names.push(names);
            *slot = self.names.len() as u32;
        }
        Ok(())
    }
}

/// Buffers the scans of methods share, a thread's from class to class: growing fresh ones for every method (most
/// outgrow any fixed first guess) cost more than the scan of a short method.
#[derive(Default)]
pub(crate) struct ScanBuffers {
    /// The references of the class's bodies so far, copied out at their size when the class is done.
    pub(crate) refs: Vec<CodeRef>,
    lines: Vec<(u16, u16)>,
}

thread_local! {
    pub(crate) static SCAN_BUFFERS: std::cell::RefCell<ScanBuffers> = std::cell::RefCell::default();
}

/// Scans one `Code` attribute body.
pub(crate) fn scan<'a>(
    mut body: Cursor<'a>,
    cp: &ConstantPool<'a>,
    bootstraps: &Bootstraps<'a>,
    checked: &mut CheckedRefs<'a>,
    buffers: &mut ScanBuffers,
) -> Result<Code<'a>> {
    body.skip(4)?; // max_stack, max_locals
    let code_len = body.u4()? as usize;
    let code_start = body.pos();
    let code = body.take(code_len)?;
    let handlers = usize::from(body.u2()?);
    let mut table = body.sub(handlers * 8)?;

    let ScanBuffers { refs, lines } = buffers;
    lines.clear();
    for_each(&mut body, cp, |name, mut attr| {
        if name == b"LineNumberTable" {
            let count = attr.u2()?;
            lines.reserve(usize::from(count));
            for _ in 0..count {
                lines.push((attr.u2()?, attr.u2()?));
            }
        }
        Ok(())
    })?;
    // A method may have several tables (JVMS allows it); order by pc, keeping table order among equal pcs so the
    // last entry for a pc wins, as it does for ASM's label visits.
    if !lines.is_sorted_by_key(|&(pc, _)| pc) {
        lines.sort_by_key(|&(pc, _)| pc);
    }
    let line_of = |pc: u32| -> u32 {
        let i = lines.partition_point(|&(start, _)| u32::from(start) <= pc);
        i.checked_sub(1).and_then(|i| lines.get(i)).map_or(0, |&(_, line)| u32::from(line))
    };

    let start = refs.len();
    scan_instructions(code, code_start, cp, bootstraps, checked, refs)?;
    for r in refs.get_mut(start..).unwrap_or_default() {
        r.line = line_of(r.pc);
    }
    // A class's references number far below 4G: its code is at most 64 KiB a method, 64K methods.
    let refs = start as u32..refs.len() as u32;

    // ArchUnit's TryCatchRecorder starts a try block only at a label that has a line number: a block whose start
    // has no entry of its own is taken for a synthetic one and never recorded. That drops javac's `Throwable`
    // handlers of try-with-resources (they start mid-line), `NoSuchFieldError` handlers in switch-map
    // initialisers, and the like: no `Method <com.fasterxml.jackson.databind.ObjectMapper.valueToTree(
    // java.lang.Object)> catches type <java.lang.Throwable> in (ObjectMapper.java:3438)`. The line is the first
    // entry at that pc, the one ASM visits first.
    let try_line_of = |pc: u32| -> Option<u32> {
        let i = lines.partition_point(|&(start, _)| u32::from(start) < pc);
        lines.get(i).filter(|&&(start, _)| u32::from(start) == pc).map(|&(_, line)| u32::from(line))
    };
    let mut catches = Vec::new();
    for _ in 0..handlers {
        let start_pc = u32::from(table.u2()?);
        let end_pc = u32::from(table.u2()?);
        let handler_pc = u32::from(table.u2()?);
        let at = table.pos();
        let catch_type = table.u2()?;
        if catch_type != 0 {
            let catch_type = cp.class(catch_type).at(at)?;
            let (try_line, handler_line) = (try_line_of(start_pc), line_of(handler_pc));
            catches.push(Catch { catch_type, start_pc, end_pc, handler_pc, handler_line, try_line });
        }
    }
    Ok(Code { refs, catches, lines: line_span(lines) })
}

/// The body-wide facts of a line table sorted by pc (see [`LineSpan`]).
fn line_span(lines: &[(u16, u16)]) -> Option<LineSpan> {
    let (&(first_pc, _), &(_, last_line)) = (lines.first()?, lines.last()?);
    // ArchUnit's `recordLineNumber`: the minimum, except that a 0 is replaced by the next line seen.
    let min_line = lines.iter().fold(0, |min, &(_, line)| if min == 0 { line } else { min.min(line) });
    Some(LineSpan { first_pc: u32::from(first_pc), last_line, min_line })
}

fn scan_instructions<'a>(
    code: &'a [u8],
    code_start: usize,
    cp: &ConstantPool<'a>,
    bootstraps: &Bootstraps<'a>,
    checked: &mut CheckedRefs<'a>,
    refs: &mut Vec<CodeRef>,
) -> Result<()> {
    let mut pc = 0usize;
    while let Some(&op) = code.get(pc) {
        let at = code_start + pc;
        let eof = || ClassFileError { offset: at, kind: ErrorKind::UnexpectedEof };
        let len = match op {
            0xaa => switch_len(code, pc, true).ok_or_else(eof)?,
            0xab => switch_len(code, pc, false).ok_or_else(eof)?,
            // wide: `wide iinc` has two 2-byte operands, every other widened opcode one.
            0xc4 => match code.get(pc + 1) {
                Some(0x84) => 6,
                Some(0x15..=0x19 | 0x36..=0x3a | 0xa9) => 4,
                Some(&other) => return Err(ClassFileError { offset: at + 1, kind: ErrorKind::BadOpcode(other) }),
                None => return Err(eof()),
            },
            _ => match LENGTHS.get(usize::from(op)) {
                Some(&len) if len != 0 => usize::from(len),
                _ => return Err(ClassFileError { offset: at, kind: ErrorKind::BadOpcode(op) }),
            },
        };
        if pc + len > code.len() {
            return Err(eof());
        }
        let kind = match (REFS.get(usize::from(op)).copied().flatten(), op) {
            (Some(kind), _) => Some((kind, operand(code, pc))),
            (None, 0x12 | 0x13) => {
                let index = if op == 0x12 {
                    code.get(pc + 1).map(|&b| u16::from(b)).ok_or_else(eof)?
                } else {
                    operand(code, pc)
                };
                // Only class literals are references; strings, numbers, method types/handles and dynamic constants are not.
                match cp.tag(index) {
                    Some(tag::CLASS) => Some((RefKind::LdcClass, index)),
                    Some(_) => None,
                    None => {
                        return Err(ClassFileError { offset: at + 1, kind: ErrorKind::BadConstantPoolIndex(index) })
                    }
                }
            }
            (None, 0xba) => {
                invoke_dynamic(operand(code, pc), pc, at, cp, bootstraps, refs)?;
                None
            }
            (None, _) => None,
        };
        if let Some((kind, index)) = kind {
            let r = CodeRef { kind, index, bootstrap: 0, pc: pc as u32, line: 0 };
            checked.check(cp, &r).at(at + 1)?;
            refs.push(r);
        }
        pc += len;
    }
    Ok(())
}

/// The 2-byte operand after the opcode at `pc`; the caller checked that the instruction fits in the code.
#[inline(always)]
fn operand(code: &[u8], pc: usize) -> u16 {
    be_u16(code, pc + 1).unwrap_or(0)
}

/// Total length of a `tableswitch` (`table`) or `lookupswitch` at `pc`: opcode, 0–3 bytes of padding to a
/// 4-byte boundary of the code array, then 4-byte operands. `None` when it runs past the code.
fn switch_len(code: &[u8], pc: usize, table: bool) -> Option<usize> {
    let operands = (pc + 4) & !3; // first byte after the padding
    let entries = if table {
        let low = be_u32(code, operands + 4)? as i32;
        let high = be_u32(code, operands + 8)? as i32;
        if high < low {
            return None;
        }
        // default, low, high, then one offset per value of low..=high.
        3 + (i64::from(high) - i64::from(low) + 1) as usize
    } else {
        let pairs = be_u32(code, operands + 4)? as usize;
        2 + pairs.checked_mul(2)?
    };
    let end = operands.checked_add(entries.checked_mul(4)?)?;
    if end > code.len() {
        return None;
    }
    Some(end - pc)
}

/// `invokedynamic`: the call site, then each method-handle static argument of its bootstrap method.
fn invoke_dynamic(
    index: u16,
    pc: usize,
    at: usize,
    cp: &ConstantPool<'_>,
    bootstraps: &Bootstraps<'_>,
    refs: &mut Vec<CodeRef>,
) -> Result<()> {
    let (bootstrap_index, name_and_type) = cp.dynamic(index, tag::INVOKE_DYNAMIC).at(at + 1)?;
    cp.name_and_type(name_and_type).at(at + 1)?;
    let Some((method_ref, args)) = bootstraps.entries.get(usize::from(bootstrap_index)) else {
        return Err(ClassFileError { offset: at + 1, kind: ErrorKind::BadAttribute("BootstrapMethods") });
    };
    let (_, bootstrap) = cp.method_handle(*method_ref).at(at + 1)?;
    let (owner, bootstrap_name, _) = cp.member_ref(bootstrap).at(at + 1)?;
    let lambda_metafactory = owner == "java/lang/invoke/LambdaMetafactory"
        && (bootstrap_name == "metafactory" || bootstrap_name == "altMetafactory");
    let pc = pc as u32;
    refs.push(CodeRef { kind: RefKind::InvokeDynamic, index: name_and_type, bootstrap, pc, line: 0 });
    let mut args = args.clone();
    while !args.rest().is_empty() {
        let arg_at = args.pos();
        let arg = args.u2()?;
        if cp.tag(arg) == Some(tag::METHOD_HANDLE) {
            let (handle_kind, target) = cp.method_handle(arg).at(arg_at)?;
            cp.member_ref(target).at(arg_at)?;
            let kind = RefKind::MethodHandle { handle_kind, lambda_metafactory };
            refs.push(CodeRef { kind, index: target, bootstrap: 0, pc, line: 0 });
        }
    }
    Ok(())
}
