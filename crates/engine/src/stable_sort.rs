//! Stable sorting compiled once: what `slice::sort_by` does (same order, ties kept in their
//! original order), for the page's size.
//!
//! The standard library's stable sort is generic over the element and the comparison, so
//! every call site compiles its own copy of the whole algorithm (about 3 KB of wasm each;
//! 60 KB over the viewer's 112 sort functions, measured 2026-12-04). Here the merge sort works
//! on positions through a `dyn` comparison and is compiled once; a call site compiles only
//! the comparison and a loop of swaps that puts the elements in that order. The lists sorted
//! this way are short (rules, routes, labels, candidates), so the extra indirection is not
//! felt; hot paths over primitive keys keep `sort_unstable`.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably: as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        merge_order(items.len(), &mut |i, j| cmp(&items[i], &items[j]))
    };
    for (i, j) in swaps(&order) {
        v.swap(i, j);
    }
}

/// Sorts `v` by `key`, stably: as `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order, stably: as `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions of `n` items in their stable order under `cmp` (a bottom-up merge sort).
fn merge_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Only a strictly smaller right item goes first: ties keep their order.
                if cmp(a[j], a[i]) == Ordering::Less {
                    b[k] = a[j];
                    j += 1;
                } else {
                    b[k] = a[i];
                    i += 1;
                }
                k += 1;
            }
            b[k..k + (mid - i)].copy_from_slice(&a[i..mid]);
            k += mid - i;
            b[k..k + (hi - j)].copy_from_slice(&a[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// The swaps that bring the items into `order` (`order[k]` is the original position of the
/// item that ends at `k`), in the order to apply them.
fn swaps(order: &[usize]) -> Vec<(usize, usize)> {
    // `at[p]`: the original position of the item now at `p`; `pos[o]`: where item `o` is now.
    let mut at: Vec<usize> = (0..order.len()).collect();
    let mut pos = at.clone();
    let mut out = Vec::new();
    for (k, &want) in order.iter().enumerate() {
        let p = pos[want];
        if p != k {
            out.push((k, p));
            let displaced = at[k];
            at[k] = want;
            at[p] = displaced;
            pos[want] = k;
            pos[displaced] = p;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Pairs sorted by their first half only: the second half shows that ties keep their
        // order. Lengths around the merge widths, with many ties and none.
        let mut seed = 7u32;
        for n in [0, 1, 2, 3, 5, 8, 9, 16, 17, 33, 100, 257] {
            for spread in [1, 3, 1000] {
                let v: Vec<(u32, usize)> = (0..n)
                    .map(|i| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        ((seed >> 16) % spread, i)
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_by_key(|p| p.0);
                let mut got = v.clone();
                sort_by_key(&mut got, |p| p.0);
                assert_eq!(got, want, "n {n} spread {spread}");
                let mut got = v.clone();
                // Odd before even, then descending: a comparison that is no plain key.
                let odd_then_down = |a: &(u32, usize), b: &(u32, usize)| {
                    (b.0 % 2).cmp(&(a.0 % 2)).then(b.0.cmp(&a.0))
                };
                sort_by(&mut got, odd_then_down);
                let mut want = v.clone();
                want.sort_by(odd_then_down);
                assert_eq!(got, want, "by a comparison, n {n} spread {spread}");
                let mut got = v.clone();
                sort(&mut got);
                let mut want = v;
                want.sort();
                assert_eq!(got, want, "natural, n {n} spread {spread}");
            }
        }
    }
}
