//! Counts the parser's heap allocations on the corpus (each file, then all of them as one
//! text): a measurement that does not depend on the machine's load, beside `benches/parse.rs`.
//! `cargo run --release --example parse_allocs`
#![allow(clippy::disallowed_methods)]
#[path = "../tests/common/mod.rs"]
mod common;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(l.size(), Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(n.saturating_sub(l.size()), Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}
#[global_allocator]
static G: Counting = Counting;
fn main() {
    let files: Vec<String> = common::corpus().into_iter().map(|f| f.text).collect();
    let bytes: usize = files.iter().map(String::len).sum();
    let (a0, b0, r0) = (
        ALLOCS.load(Relaxed),
        BYTES.load(Relaxed),
        REALLOCS.load(Relaxed),
    );
    let mut insts = 0;
    let mut tokens = 0;
    for t in &files {
        let (tree, _) = airlock::engine::syntax::parse(t);
        insts += tree.instructions.len();
        tokens += tree.tokens.len();
    }
    let (a, b, r) = (
        ALLOCS.load(Relaxed) - a0,
        BYTES.load(Relaxed) - b0,
        REALLOCS.load(Relaxed) - r0,
    );
    println!(
        "{} files, {bytes} bytes, {insts} instructions, {tokens} tokens: {a} allocs ({:.2}/instruction), {r} reallocs, {b} bytes allocated ({:.2}/source byte)",
        files.len(),
        a as f64 / insts as f64,
        b as f64 / bytes as f64
    );
    let once = common::corpus_concatenated();
    let (a0, b0, r0) = (
        ALLOCS.load(Relaxed),
        BYTES.load(Relaxed),
        REALLOCS.load(Relaxed),
    );
    let (tree, _) = airlock::engine::syntax::parse(&once);
    let (a, b, r) = (
        ALLOCS.load(Relaxed) - a0,
        BYTES.load(Relaxed) - b0,
        REALLOCS.load(Relaxed) - r0,
    );
    println!("concatenated {} bytes, {} instructions: {a} allocs, {r} reallocs, {b} bytes allocated ({:.2}/source byte); size_of Instruction {} Token {}",
        once.len(), tree.instructions.len(), b as f64 / once.len() as f64,
        std::mem::size_of::<airlock::engine::syntax::Instruction>(), std::mem::size_of::<airlock::engine::syntax::Token>());
}
