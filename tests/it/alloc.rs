//! The grade-only path allocates nothing: a counting allocator, per thread so that tests
//! running in parallel do not disturb the count.

use ecograde::{Policy, Roster};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to `System`; the counter is a thread-local `Cell` that
// never allocates.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn grading_allocates_nothing_explaining_does() {
    let policy = Policy::beijing_2026();
    let roster = Roster::from_toml(include_str!("../../examples/roster-2026.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let cycle = roster.cycle().unwrap_or_else(|e| panic!("{e}"));
    let mut graded = 0;
    let grading = allocations_during(|| {
        for agency in &roster.agencies {
            if policy.grade(agency, &cycle).is_ok() {
                graded += 1;
            }
        }
    });
    assert_eq!(graded, roster.agencies.len());
    assert_eq!(grading, 0, "Policy::grade allocated");
    let explaining = allocations_during(|| {
        for agency in &roster.agencies {
            let _ = policy.evaluate(agency, &cycle);
        }
    });
    assert!(explaining > roster.agencies.len(), "the count is live");
}
