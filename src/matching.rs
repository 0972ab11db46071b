//! Pairing two lists of attributions of one article: predictions with gold items (`eval`), a
//! student's claims with a key's (`compare`).
//!
//! Whether two attributions may be paired is the rule of the shared scorer (`score.py`): their
//! cues overlap, or (gold with content) the prediction's content covers at least 30% of the
//! gold content, or (gold without content) their mentions overlap. Every span is trimmed
//! before it is compared (see [`crate::eval`]).
//!
//! Which pairs are made is an optimal one-to-one assignment: the most required gold items
//! matched, then the most items matched at all (optional gold items included), then the
//! largest total cue overlap, then content overlap, then mention overlap, then the most
//! agreeing labels. The scorer pairs greedily instead (gold in text order, each with the first
//! unused prediction that matches it); wherever that greedy choice is already optimal, it is
//! the one kept, so the two give the same pairs there. They differ when one sentence holds
//! several attributions whose spans overlap (a hedge and a speaker, a citing chain, a claim
//! nested in another), where greedy can pair the wrong ones.

use std::ops::{Add, Neg, Sub};

/// A span as (start, end) code-point offsets, already trimmed; f64 so that any JSON number
/// behaves as in the scorer.
pub type Sp = (f64, f64);

/// The trimmed spans of one attribution; `None` when absent or trimmed away.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spans {
    pub mention: Option<Sp>,
    pub cue: Option<Sp>,
    pub content: Option<Sp>,
}

impl Spans {
    /// The start of its first span, cue first (then content, then mention); 0 when it has
    /// none. The scorer takes gold items in this order.
    pub fn first_start(&self) -> f64 {
        self.cue
            .or(self.content)
            .or(self.mention)
            .map_or(0.0, |s| s.0)
    }
}

/// One item of the reference side (gold, or a key): its spans and whether finding it is
/// optional.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reference {
    pub spans: Spans,
    pub optional: bool,
}

/// The length of the overlap of two spans, 0 when either is absent.
pub fn overlap(a: Option<Sp>, b: Option<Sp>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => (a.1.min(b.1) - a.0.max(b.0)).max(0.0),
        _ => 0.0,
    }
}

/// Whether prediction `p` may be paired with gold `g`: their cues overlap, or (gold with
/// content) the prediction's content covers at least 30% of the gold content, or (gold without
/// content) their mentions overlap.
pub fn matches(p: &Spans, g: &Spans) -> bool {
    if overlap(p.cue, g.cue) > 0.0 {
        return true;
    }
    if let Some(gc) = g.content {
        return overlap(p.content, Some(gc)) >= 0.3 * (gc.1 - gc.0);
    }
    overlap(p.mention, g.mention) > 0.0
}

/// The gold indices in the order the scorer takes them: required items first, then by the
/// start of their first span (stable).
pub fn gold_order(gold: &[Reference]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by(|&a, &b| {
        let ka = (gold[a].optional, gold[a].spans.first_start());
        let kb = (gold[b].optional, gold[b].spans.first_start());
        ka.partial_cmp(&kb).unwrap_or(std::cmp::Ordering::Equal)
    });
    order
}

/// The scorer's greedy pairing: gold in [`gold_order`], each with the first unused prediction
/// that [`matches`] it. Returns, per gold index, the prediction paired with it.
pub fn greedy(preds: &[Spans], gold: &[Reference]) -> Vec<Option<usize>> {
    greedy_on(&candidates(preds, gold), gold)
}

/// [`greedy`] given each gold item's matching predictions in index order.
fn greedy_on(edges: &[Vec<usize>], gold: &[Reference]) -> Vec<Option<usize>> {
    let npred = edges.iter().flatten().max().map_or(0, |&p| p + 1);
    let mut used = vec![false; npred];
    let mut hit = vec![None; gold.len()];
    for gi in gold_order(gold) {
        if let Some(&i) = edges[gi].iter().find(|&&i| !used[i]) {
            used[i] = true;
            hit[gi] = Some(i);
        }
    }
    hit
}

/// One kind of span (cue, content or mention) of every prediction, sorted by start, to find
/// the predictions whose span of that kind overlaps a given one without trying them all.
struct SpanIndex {
    /// (start, end, prediction) of the finite spans, by start.
    spans: Vec<(f64, f64, usize)>,
    /// The longest of them.
    longest: f64,
    /// Predictions whose span is not finite: tried every time.
    odd: Vec<usize>,
}

impl SpanIndex {
    fn new(preds: &[Spans], kind: fn(&Spans) -> Option<Sp>) -> SpanIndex {
        let mut spans = Vec::new();
        let mut odd = Vec::new();
        for (i, p) in preds.iter().enumerate() {
            match kind(p) {
                Some((s, e)) if s.is_finite() && e.is_finite() => spans.push((s, e, i)),
                Some(_) => odd.push(i),
                None => {}
            }
        }
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let longest = spans.iter().map(|&(s, e, _)| e - s).fold(0.0, f64::max);
        SpanIndex {
            spans,
            longest,
            odd,
        }
    }

    /// Push the predictions whose span overlaps `q` by more than nothing: those starting
    /// before `q` ends and, being at most `longest` long, after `q.0 - longest` (less one, for
    /// rounding), checked with [`overlap`] itself.
    fn overlapping(&self, q: Sp, out: &mut Vec<usize>) {
        let from = q.0 - self.longest - 1.0;
        let lo = self.spans.partition_point(|e| e.0 < from);
        let hi = self.spans.partition_point(|e| e.0 < q.1);
        for &(s, e, i) in &self.spans[lo..hi.max(lo)] {
            if overlap(Some((s, e)), Some(q)) > 0.0 {
                out.push(i);
            }
        }
        out.extend(&self.odd);
    }
}

/// Per gold item, the predictions that [`matches`] it, in index order. Every way to match
/// needs an overlap of cues, contents or (gold without content) mentions, so only the
/// predictions with such an overlap are tried, found through [`SpanIndex`]; a gold content
/// whose 30% is nothing (empty) is matched by any prediction, so all are tried for it.
fn candidates(preds: &[Spans], gold: &[Reference]) -> Vec<Vec<usize>> {
    let cues = SpanIndex::new(preds, |p| p.cue);
    let contents = SpanIndex::new(preds, |p| p.content);
    let mentions = SpanIndex::new(preds, |p| p.mention);
    gold.iter()
        .map(|g| {
            let g = &g.spans;
            let mut found = Vec::new();
            match g.content {
                Some(gc)
                    if (0.3 * (gc.1 - gc.0)).partial_cmp(&0.0)
                        != Some(std::cmp::Ordering::Greater) =>
                {
                    found.extend(0..preds.len())
                }
                _ => {
                    if let Some(q) = g.cue {
                        cues.overlapping(q, &mut found);
                    }
                    match g.content {
                        Some(q) => contents.overlapping(q, &mut found),
                        None => {
                            if let Some(q) = g.mention {
                                mentions.overlapping(q, &mut found);
                            }
                        }
                    }
                }
            }
            found.sort_unstable();
            found.dedup();
            found.retain(|&p| matches(&preds[p], g));
            found
        })
        .collect()
}

/// What a pairing is worth, compared level by level (the derived order is lexicographic):
/// required gold matched, items matched, cue overlap, content overlap, mention overlap,
/// agreeing labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Worth([i64; 6]);

impl Add for Worth {
    type Output = Worth;
    fn add(self, o: Worth) -> Worth {
        Worth(std::array::from_fn(|k| self.0[k] + o.0[k]))
    }
}

impl Sub for Worth {
    type Output = Worth;
    fn sub(self, o: Worth) -> Worth {
        Worth(std::array::from_fn(|k| self.0[k] - o.0[k]))
    }
}

impl Neg for Worth {
    type Output = Worth;
    fn neg(self) -> Worth {
        Worth(self.0.map(|x| -x))
    }
}

/// Overlaps in thousandths of a character, so that fractional offsets still order.
fn milli(x: f64) -> i64 {
    (x * 1000.0).round() as i64
}

fn worth(p: &Spans, g: &Reference, agree: u32) -> Worth {
    Worth([
        i64::from(!g.optional),
        1,
        milli(overlap(p.cue, g.spans.cue)),
        milli(overlap(p.content, g.spans.content)),
        milli(overlap(p.mention, g.spans.mention)),
        i64::from(agree),
    ])
}

/// A minimum-cost perfect assignment on a square matrix (the Hungarian method with
/// potentials, O(n³)). Returns, per row, its column.
fn hungarian(cost: &[Vec<Worth>]) -> Vec<usize> {
    let n = cost.len();
    let inf = Worth([i64::MAX / 4, 0, 0, 0, 0, 0]);
    // 1-based, column 0 is the virtual start
    let mut u = vec![Worth::default(); n + 1];
    let mut v = vec![Worth::default(); n + 1];
    let mut row_of = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        row_of[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = row_of[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if used[j] {
                    continue;
                }
                let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                if cur < minv[j] {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if minv[j] < delta {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[row_of[j]] = u[row_of[j]] + delta;
                    v[j] = v[j] - delta;
                } else {
                    minv[j] = minv[j] - delta;
                }
            }
            j0 = j1;
            if row_of[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            row_of[j0] = row_of[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut col_of = vec![0; n];
    for j in 1..=n {
        if row_of[j] > 0 {
            col_of[row_of[j] - 1] = j - 1;
        }
    }
    col_of
}

/// The connected parts of the graph of possible pairs: per part, its gold and prediction
/// indices. Items with no possible pair are left out.
fn parts(edges: &[Vec<usize>], npred: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    let ngold = edges.len();
    let mut pred_edges = vec![Vec::new(); npred];
    for (g, ps) in edges.iter().enumerate() {
        for &p in ps {
            pred_edges[p].push(g);
        }
    }
    let mut seen_g = vec![false; ngold];
    let mut seen_p = vec![false; npred];
    let mut out = Vec::new();
    for start in 0..ngold {
        if seen_g[start] || edges[start].is_empty() {
            continue;
        }
        let (mut gs, mut ps) = (Vec::new(), Vec::new());
        let mut stack = vec![start];
        seen_g[start] = true;
        while let Some(g) = stack.pop() {
            gs.push(g);
            for &p in &edges[g] {
                if !seen_p[p] {
                    seen_p[p] = true;
                    ps.push(p);
                    for &g2 in &pred_edges[p] {
                        if !seen_g[g2] {
                            seen_g[g2] = true;
                            stack.push(g2);
                        }
                    }
                }
            }
        }
        gs.sort_unstable();
        ps.sort_unstable();
        out.push((gs, ps));
    }
    out
}

/// The optimal one-to-one pairing of `preds` with `gold` (see the module's description).
/// `agree(p, g)` counts the labels prediction `p` and gold item `g` agree on; it breaks the
/// last ties, so that an annotator identical to the key is paired item for item even where
/// two items share every span. Returns every gold index in the scorer's order (required
/// first, then by first span start) with its prediction's index, if any; predictions left
/// out are the extras.
pub fn align(
    preds: &[Spans],
    gold: &[Reference],
    agree: impl Fn(usize, usize) -> u32,
) -> Vec<(usize, Option<usize>)> {
    let edges = candidates(preds, gold);
    let greedy = greedy_on(&edges, gold);
    let mut hit = vec![None; gold.len()];
    for (gs, ps) in parts(&edges, preds.len()) {
        let w = |p: usize, g: usize| worth(&preds[p], &gold[g], agree(p, g));
        let greedy_worth = gs
            .iter()
            .filter_map(|&g| greedy[g].map(|p| w(p, g)))
            .fold(Worth::default(), Add::add);
        // Square matrix: rows are the part's gold items, columns its predictions, padded with
        // dummies; a pair that may not be made costs nothing (it is no pair).
        let n = gs.len().max(ps.len());
        let cost: Vec<Vec<Worth>> = (0..n)
            .map(|r| {
                (0..n)
                    .map(|c| match (gs.get(r), ps.get(c)) {
                        (Some(&g), Some(&p)) if edges[g].contains(&p) => -w(p, g),
                        _ => Worth::default(),
                    })
                    .collect()
            })
            .collect();
        let cols = hungarian(&cost);
        let best: Vec<(usize, usize)> = gs
            .iter()
            .enumerate()
            .filter_map(|(r, &g)| {
                let p = *ps.get(cols[r])?;
                edges[g].contains(&p).then_some((g, p))
            })
            .collect();
        let best_worth = best
            .iter()
            .map(|&(g, p)| w(p, g))
            .fold(Worth::default(), Add::add);
        if greedy_worth >= best_worth {
            for &g in &gs {
                hit[g] = greedy[g];
            }
        } else {
            for (g, p) in best {
                hit[g] = Some(p);
            }
        }
    }
    gold_order(gold).into_iter().map(|g| (g, hit[g])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_exactly_the_matching_predictions() {
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let span = |next: &mut dyn FnMut(u64) -> u64| -> Option<Sp> {
            match next(6) {
                0 => None,
                // empty, reversed and fractional spans too
                1 => {
                    let s = next(60) as f64;
                    Some((s, s))
                }
                2 => {
                    let s = next(60) as f64;
                    Some((s, s - 2.0))
                }
                3 => {
                    let s = next(600) as f64 / 10.0;
                    Some((s, s + next(90) as f64 / 10.0))
                }
                _ => {
                    let s = next(60) as f64;
                    Some((s, s + next(25) as f64))
                }
            }
        };
        for _ in 0..300 {
            let mut spans = |n: u64| -> Vec<Spans> {
                (0..n)
                    .map(|_| Spans {
                        mention: span(&mut next),
                        cue: span(&mut next),
                        content: span(&mut next),
                    })
                    .collect()
            };
            let preds = spans(8);
            let gold: Vec<Reference> = spans(6)
                .into_iter()
                .map(|spans| Reference {
                    spans,
                    optional: false,
                })
                .collect();
            let brute: Vec<Vec<usize>> = gold
                .iter()
                .map(|g| {
                    (0..preds.len())
                        .filter(|&p| matches(&preds[p], &g.spans))
                        .collect()
                })
                .collect();
            assert_eq!(candidates(&preds, &gold), brute, "{preds:?} {gold:?}");
        }
    }

    #[test]
    fn thirty_thousand_claims_a_side_are_aligned_from_their_own_candidates() {
        // one claim a sentence, each its own cue and content: each gold item's candidates are
        // the one prediction over it (every pair was tried before; the cost is a benchmark's
        // matter, not this test's)
        let side: Vec<Spans> = (0..30_000)
            .map(|i| {
                let at = i as f64 * 30.0;
                item((at, at + 4.0), (at + 5.0, at + 25.0))
            })
            .collect();
        let gold: Vec<Reference> = side
            .iter()
            .map(|&spans| Reference {
                spans,
                optional: false,
            })
            .collect();
        let found = candidates(&side, &gold);
        assert!(found.iter().enumerate().all(|(g, c)| c == &[g]));
        let pairs = align(&side, &gold, |_, _| 0);
        assert!(pairs.iter().all(|&(g, p)| p == Some(g)));
    }

    fn sp(s: f64, e: f64) -> Option<Sp> {
        Some((s, e))
    }

    fn item(cue: (f64, f64), content: (f64, f64)) -> Spans {
        Spans {
            mention: None,
            cue: sp(cue.0, cue.1),
            content: sp(content.0, content.1),
        }
    }

    fn key(list: &[Spans]) -> Vec<Reference> {
        list.iter()
            .map(|&spans| Reference {
                spans,
                optional: false,
            })
            .collect()
    }

    fn pairs(a: &[(usize, Option<usize>)]) -> Vec<(usize, usize)> {
        let mut v: Vec<_> = a.iter().filter_map(|&(g, p)| Some((g, p?))).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn a_nested_claim_is_paired_with_itself_not_its_container() {
        // "The mayor reportedly told aides that the budget would be cut."
        //  0         10         21   26 ...
        // hedge: cue "reportedly" (10, 20), content the whole telling (0, 61)
        // speaker: cue "told" (21, 25), content "the budget would be cut" (37, 61)
        let hedge = item((10.0, 20.0), (0.0, 61.0));
        let speaker = item((21.0, 25.0), (37.0, 61.0));
        // the student's list in another order: speaker first
        let preds = [speaker, hedge];
        let gold = key(&[hedge, speaker]);
        // greedy takes the hedge first (earlier cue) and gives it the speaker's claim, whose
        // content covers 24 of 61 characters (39%)
        assert_eq!(greedy(&preds, &gold), vec![Some(0), Some(1)]);
        assert_eq!(pairs(&align(&preds, &gold, |_, _| 0)), vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn the_most_pairs_come_before_the_best_overlap() {
        // gold A: content (0, 10); gold B: content (0, 40). Prediction X covers both;
        // prediction Y covers A only (10 of B's 40 characters is under 30%).
        let a = item((100.0, 101.0), (0.0, 10.0));
        let b = item((102.0, 103.0), (0.0, 40.0));
        let x = item((200.0, 201.0), (0.0, 40.0));
        let y = item((202.0, 203.0), (0.0, 10.0));
        let gold = key(&[a, b]);
        // greedy gives A the first prediction, X, and leaves B without one
        assert_eq!(greedy(&[x, y], &gold), vec![Some(0), None]);
        assert_eq!(
            pairs(&align(&[x, y], &gold, |_, _| 0)),
            vec![(0, 1), (1, 0)]
        );
    }

    #[test]
    fn greedy_is_kept_where_it_is_already_optimal() {
        // two predictions equal in every span for one gold item: greedy takes the first, and
        // so does the assignment (no better pairing exists)
        let g = item((10.0, 14.0), (15.0, 40.0));
        let got = align(&[g, g], &key(&[g]), |_, _| 0);
        assert_eq!(got, vec![(0, Some(0))]);
        // labels break the tie when the spans cannot: the second agrees on more labels
        let got = align(&[g, g], &key(&[g]), |p, _| p as u32);
        assert_eq!(got, vec![(0, Some(1))]);
    }

    #[test]
    fn shared_cue_and_content_pair_by_mention() {
        // "Smith and Jones said the talks failed": one attribution per source, same cue and
        // content, mentions (0, 5) and (10, 15)
        let cue = sp(16.0, 20.0);
        let content = sp(21.0, 37.0);
        let smith = Spans {
            mention: sp(0.0, 5.0),
            cue,
            content,
        };
        let jones = Spans {
            mention: sp(10.0, 15.0),
            ..smith
        };
        let got = align(&[jones, smith], &key(&[smith, jones]), |_, _| 0);
        assert_eq!(pairs(&got), vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn optional_gold_gives_way_to_required_gold() {
        let opt = Reference {
            spans: item((10.0, 14.0), (15.0, 35.0)),
            optional: true,
        };
        let real = Reference {
            spans: item((12.0, 16.0), (40.0, 50.0)),
            optional: false,
        };
        // one prediction whose cue overlaps both cues, and its content the optional one's
        let p = item((12.0, 14.0), (15.0, 35.0));
        let got = align(&[p], &[opt, real], |_, _| 0);
        assert_eq!(got, vec![(1, Some(0)), (0, None)]);
    }

    #[test]
    fn the_assignment_is_optimal_on_small_random_graphs() {
        // brute force over every pairing of up to 4 x 4 items
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        fn next(seed: &mut u64, n: u64) -> u64 {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed % n
        }
        fn random(seed: &mut u64, k: u64) -> Vec<Spans> {
            (0..k)
                .map(|_| {
                    let c = next(seed, 30) as f64;
                    let s = next(seed, 30) as f64;
                    let cl = next(seed, 3) as f64;
                    let sl = next(seed, 20) as f64;
                    item((c, c + 1.0 + cl), (s, s + 2.0 + sl))
                })
                .collect()
        }
        for _ in 0..300 {
            let np = next(&mut seed, 5);
            let ng = next(&mut seed, 5);
            let preds = random(&mut seed, np);
            let gold = key(&random(&mut seed, ng));
            let got = align(&preds, &gold, |_, _| 0);
            let value = |pairs: &[(usize, usize)]| {
                pairs
                    .iter()
                    .map(|&(g, p)| worth(&preds[p], &gold[g], 0))
                    .fold(Worth::default(), Add::add)
            };
            let mine: Vec<(usize, usize)> =
                got.iter().filter_map(|&(g, p)| Some((g, p?))).collect();
            assert!(mine
                .iter()
                .all(|&(g, p)| matches(&preds[p], &gold[g].spans)));
            // the best over every injective pairing, by recursion
            type Value<'a> = dyn Fn(&[(usize, usize)]) -> Worth + 'a;
            fn best(
                g: usize,
                used: &mut Vec<bool>,
                cur: &mut Vec<(usize, usize)>,
                ok: &dyn Fn(usize, usize) -> bool,
                value: &Value,
                ng: usize,
            ) -> Worth {
                if g == ng {
                    return value(cur);
                }
                let mut top = best(g + 1, used, cur, ok, value, ng);
                for p in 0..used.len() {
                    if !used[p] && ok(p, g) {
                        used[p] = true;
                        cur.push((g, p));
                        top = top.max(best(g + 1, used, cur, ok, value, ng));
                        cur.pop();
                        used[p] = false;
                    }
                }
                top
            }
            let ok = |p: usize, g: usize| matches(&preds[p], &gold[g].spans);
            let top = best(
                0,
                &mut vec![false; preds.len()],
                &mut Vec::new(),
                &ok,
                &value,
                gold.len(),
            );
            assert_eq!(value(&mine), top, "{preds:?} {gold:?}");
        }
    }
}
