//! Sorting through one shared copy of the standard library's stable sort.
//!
//! Every `sort_by` on another element type or comparator compiles a copy of
//! the whole sort (about 5 KB of wasm each; the core's sorts came to ~100 KB
//! before `wasm-opt`). These sort the items' positions instead, with the
//! comparator behind `dyn`, so the sort itself is compiled once.

use std::cmp::Ordering;

/// Lists up to this long are sorted in place by insertion: the agenda sorts
/// two short lists for each of thousands of people, where allocating the
/// positions would cost more than the sort.
const SHORT: usize = 24;

/// Sort `items` by `compare`, stably, as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() <= SHORT {
        let len = items.len();
        insertion_sort(len, &mut |j| {
            let swap = compare(&items[j - 1], &items[j]) == Ordering::Greater;
            if swap {
                items.swap(j - 1, j);
            }
            swap
        });
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
}

/// Sort `items` by a key, stably, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sort `items` in their own order, as `slice::sort` does.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Insertion sort of `len` items through `step(j)`, which swaps items
/// `j - 1` and `j` when they are out of order and says whether it did.
#[inline(never)]
fn insertion_sort(len: usize, step: &mut dyn FnMut(usize) -> bool) {
    for i in 1..len {
        let mut j = i;
        while j > 0 && step(j) {
            j -= 1;
        }
    }
}

#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut items: Vec<(u8, &str)> = vec![(3, "a"), (1, "b"), (3, "c"), (0, "d"), (1, "e"), (2, "f")];
        let mut expected = items.clone();
        expected.sort_by_key(|item| item.0);
        sort_by_key(&mut items, |item| item.0);
        assert_eq!(items, expected);
        assert_eq!(items.iter().map(|i| i.1).collect::<String>(), "dbefac");
    }

    #[test]
    fn sorts_owned_values_without_losing_any() {
        let mut items: Vec<String> = (0..500).map(|i| format!("{:03}", (i * 7919) % 500)).collect();
        sort(&mut items);
        assert_eq!(items, (0..500).map(|i| format!("{i:03}")).collect::<Vec<_>>());
        let mut none: Vec<String> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn sorts_short_and_long_lists_stably_alike() {
        for len in [0, 1, 2, SHORT - 1, SHORT, SHORT + 1, 100] {
            let mut items: Vec<(u32, usize)> = (0..len).map(|i| (((i * 7919) % 11) as u32, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            sort_by_key(&mut items, |item| item.0);
            assert_eq!(items, expected, "{len} items");
        }
    }

    #[test]
    fn sorts_by_a_comparator_in_reverse() {
        let mut items = vec![2, 9, 4, 4, 1];
        sort_by(&mut items, |a, b| b.cmp(a));
        assert_eq!(items, [9, 4, 4, 2, 1]);
    }
}
