//! The results' two charts as shapes: a funnel and a weekly bar chart, in
//! the units of an SVG `viewBox`. The pages draw the shapes as SVG elements
//! (`browser::ui::results`), each beside a table of the same numbers; the
//! colours come from the stylesheet (a class per series), so the charts
//! follow the light or dark theme.
//!
//! Hand-written rather than a charting library: two fixed chart kinds of
//! a dozen bars are about 150 lines here, where the small offline
//! libraries (Chartist, Frappe Charts, uPlot) are 20-50 KB of JavaScript
//! each, draw from the DOM of the page, and would be a second way of
//! building it.

/// A rectangle of one series (its class on the page is `series-<n>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub series: u8,
}

/// Where a text goes: `anchor` is SVG's `text-anchor` (start, middle, end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub x: u32,
    pub y: u32,
    pub text: String,
    pub anchor: &'static str,
}

/// A chart: its `viewBox` size and what is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub bars: Vec<Bar>,
    pub labels: Vec<Label>,
}

/// `part` of `whole` units, for `value` of `max` (none when `max` is 0; a
/// value above nothing shows at least one unit, so it is seen).
fn scaled(value: u32, max: u32, whole: u32) -> u32 {
    if max == 0 || value == 0 {
        return 0;
    }
    let part = u64::from(value.min(max)) * u64::from(whole) / u64::from(max);
    u32::try_from(part).unwrap_or(whole).max(1)
}

/// The funnel: one centred bar per step, as wide as its count is of the
/// first step's, the step's name on the left and its count on the right.
pub fn funnel(steps: &[(String, u32)]) -> Chart {
    const ROW: u32 = 28;
    const BAR: u32 = 20;
    const NAMES: u32 = 118;
    const PLOT: u32 = 160;
    let max = steps.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let mut chart = Chart { width: NAMES + PLOT + 42, height: ROW * steps.len() as u32, bars: vec![], labels: vec![] };
    for (row, (name, count)) in steps.iter().enumerate() {
        let top = ROW * row as u32;
        let width = scaled(*count, max, PLOT);
        let baseline = top + BAR / 2 + 5;
        chart.bars.push(Bar { x: NAMES + 4 + (PLOT - width) / 2, y: top, width, height: BAR, series: 0 });
        chart.labels.push(Label { x: NAMES, y: baseline, text: name.clone(), anchor: "end" });
        chart.labels.push(Label { x: NAMES + PLOT + 8, y: baseline, text: count.to_string(), anchor: "start" });
    }
    chart
}

/// The weekly bars: for each week, the user's touches (series 0) beside
/// theirs (series 1), the tallest week's count on the axis and the first
/// and last weeks' dates under it.
pub fn weekly(weeks: &[(String, u32, u32)]) -> Chart {
    const LEFT: u32 = 26;
    const TOP: u32 = 8;
    const PLOT_HEIGHT: u32 = 100;
    const GROUP: u32 = 24;
    const BAR: u32 = 9;
    let max = weeks.iter().map(|(_, a, b)| (*a).max(*b)).max().unwrap_or(0);
    let bottom = TOP + PLOT_HEIGHT;
    let mut chart =
        Chart { width: LEFT + GROUP * weeks.len() as u32 + 4, height: bottom + 20, bars: vec![], labels: vec![] };
    for (k, (_, yours, theirs)) in weeks.iter().enumerate() {
        let x = LEFT + GROUP * k as u32 + 2;
        for (series, value) in [(0u8, *yours), (1, *theirs)] {
            let height = scaled(value, max, PLOT_HEIGHT);
            let bar_x = x + u32::from(series) * (BAR + 1);
            chart.bars.push(Bar { x: bar_x, y: bottom - height, width: BAR, height, series });
        }
    }
    chart.labels.push(Label { x: LEFT - 4, y: TOP + 8, text: max.to_string(), anchor: "end" });
    chart.labels.push(Label { x: LEFT - 4, y: bottom, text: "0".into(), anchor: "end" });
    if let (Some((first, ..)), Some((last, ..))) = (weeks.first(), weeks.last()) {
        chart.labels.push(Label { x: LEFT, y: bottom + 16, text: first.clone(), anchor: "start" });
        chart.labels.push(Label { x: chart.width - 4, y: bottom + 16, text: last.clone(), anchor: "end" });
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_funnel_narrows_with_the_counts_and_names_each_step() {
        let steps: Vec<(String, u32)> =
            [("Noticed", 10), ("Tracked", 5), ("Met", 0)].iter().map(|(n, c)| ((*n).to_owned(), *c)).collect();
        let chart = funnel(&steps);
        let widths: Vec<u32> = chart.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, vec![160, 80, 0]);
        // Centred: the half-width bar starts a quarter in.
        assert_eq!(chart.bars[1].x - chart.bars[0].x, 40);
        assert!(chart.bars.iter().all(|b| b.x + b.width <= chart.width && b.y + b.height <= chart.height));
        let texts: Vec<&str> = chart.labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["Noticed", "10", "Tracked", "5", "Met", "0"]);
        // One person of many still shows.
        assert_eq!(funnel(&[("a".into(), 1000), ("b".into(), 1)]).bars[1].width, 1);
        assert!(funnel(&[("a".into(), 0)]).bars.iter().all(|b| b.width == 0), "nobody: no bar, no division by 0");
    }

    #[test]
    fn the_weekly_bars_stand_on_one_baseline_scaled_to_the_busiest_week() {
        let weeks = vec![("10-07".to_owned(), 4, 2), ("10-14".to_owned(), 0, 1), ("10-21".to_owned(), 2, 0)];
        let chart = weekly(&weeks);
        let heights: Vec<(u8, u32)> = chart.bars.iter().map(|b| (b.series, b.height)).collect();
        assert_eq!(heights, vec![(0, 100), (1, 50), (0, 0), (1, 25), (0, 50), (1, 0)]);
        let bottoms: Vec<u32> = chart.bars.iter().map(|b| b.y + b.height).collect();
        assert!(bottoms.iter().all(|b| *b == 108), "{bottoms:?}");
        assert!(chart.bars.iter().all(|b| b.x + b.width <= chart.width));
        let texts: Vec<&str> = chart.labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["4", "0", "10-07", "10-21"]);
    }
}
