//! The results view, drawn for the popup (the year's funnel and the pace)
//! and, in full, for the options page (every window, the times, the asks).
//! Each chart is an SVG of the core's shapes (`engine::charts`) with the
//! same numbers in a table beside it, for screen readers and for reading.

use super::{message, msg};
use crate::browser::dom::{append, el};
use crate::engine::charts::{self, Chart};
use crate::engine::results::{Funnel, Median, Results, STEPS};
use crate::model::Site;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

const SVG: &str = "http://www.w3.org/2000/svg";

/// The results, `full` on the options page.
pub(super) fn draw(doc: &Document, results: &Results, full: bool) -> Result<Element, JsValue> {
    let view = el(doc, "div", "results-view", "")?;
    if let Some(year) = results.funnels.iter().find(|f| f.months == 12) {
        append(&view, &[&el(doc, "h3", "", &msg("results_funnel"))?, &funnel_figure(doc, year)?])?;
        if full {
            append(&view, &[&windows_table(doc, &results.funnels)?])?;
        }
    }
    append(&view, &[&el(doc, "h3", "", &msg("results_pace"))?, &pace_figure(doc, results)?])?;
    let s = results.slow_downs;
    let heeded = message("results_slow_downs", &[s.said.to_string(), s.heeded.to_string(), s.waiting.to_string()]);
    append(&view, &[&el(doc, "p", "slow-downs", &heeded)?])?;
    if full {
        append(&view, &[&el(doc, "h3", "", &msg("results_times"))?, &times_table(doc, results)?])?;
        append(&view, &[&el(doc, "h3", "", &msg("results_asks"))?, &asks_table(doc, results)?])?;
    }
    Ok(view)
}

/// A chart as SVG, named for screen readers (its table has the numbers).
fn svg(doc: &Document, chart: &Chart, name: &str) -> Result<Element, JsValue> {
    let svg = doc.create_element_ns(Some(SVG), "svg")?;
    svg.set_attribute("viewBox", &format!("0 0 {} {}", chart.width, chart.height))?;
    svg.set_attribute("role", "img")?;
    svg.set_attribute("aria-label", name)?;
    for bar in &chart.bars {
        let rect = doc.create_element_ns(Some(SVG), "rect")?;
        for (name, value) in [("x", bar.x), ("y", bar.y), ("width", bar.width), ("height", bar.height)] {
            rect.set_attribute(name, &value.to_string())?;
        }
        rect.set_attribute("class", &format!("series-{}", bar.series))?;
        svg.append_child(&rect)?;
    }
    for label in &chart.labels {
        let text = doc.create_element_ns(Some(SVG), "text")?;
        text.set_attribute("x", &label.x.to_string())?;
        text.set_attribute("y", &label.y.to_string())?;
        text.set_attribute("text-anchor", label.anchor)?;
        text.set_text_content(Some(&label.text));
        svg.append_child(&text)?;
    }
    Ok(svg)
}

/// A table with a caption, a header row and rows of cells; each row's
/// first cell is its header.
fn table(doc: &Document, caption: &str, head: &[String], rows: &[Vec<String>]) -> Result<Element, JsValue> {
    let table = el(doc, "table", "", "")?;
    append(&table, &[&el(doc, "caption", "", caption)?])?;
    let header = el(doc, "tr", "", "")?;
    for cell in head {
        let th = el(doc, "th", "", cell)?;
        th.set_attribute("scope", "col")?;
        append(&header, &[&th])?;
    }
    let thead = el(doc, "thead", "", "")?;
    append(&thead, &[&header])?;
    let body = el(doc, "tbody", "", "")?;
    for row in rows {
        let tr = el(doc, "tr", "", "")?;
        for (k, cell) in row.iter().enumerate() {
            let td = el(doc, if k == 0 { "th" } else { "td" }, "", cell)?;
            if k == 0 {
                td.set_attribute("scope", "row")?;
            }
            append(&tr, &[&td])?;
        }
        append(&body, &[&tr])?;
    }
    append(&table, &[&thead, &body])?;
    Ok(table)
}

/// A figure: the chart and its table side by side (stacked when narrow).
fn figure(doc: &Document, class: &str, parts: &[&Element]) -> Result<Element, JsValue> {
    let figure = el(doc, "figure", class, "")?;
    append(&figure, parts)?;
    Ok(figure)
}

/// The share at a step, as the table shows it ("50 %", or "–").
fn share(funnel: &Funnel, k: usize) -> String {
    funnel.conversion(k).map_or_else(|| "–".to_owned(), |p| message("results_percent", &[p.to_string()]))
}

/// The year's funnel: its chart, and a table of the counts and shares.
fn funnel_figure(doc: &Document, year: &Funnel) -> Result<Element, JsValue> {
    let names: Vec<String> = STEPS.iter().map(|k| msg(k)).collect();
    let steps: Vec<(String, u32)> = names.iter().cloned().zip(year.counts.iter().copied()).collect();
    let chart = svg(doc, &charts::funnel(&steps), &msg("results_funnel_chart"))?;
    let head = [msg("results_step"), msg("results_people"), msg("results_of_step_before")];
    let rows: Vec<Vec<String>> = steps
        .iter()
        .enumerate()
        .map(|(k, (name, count))| vec![name.clone(), count.to_string(), share(year, k)])
        .collect();
    let table = table(doc, &msg("results_funnel_table"), &head, &rows)?;
    figure(doc, "funnel", &[&chart, &table])
}

/// Every window's funnel side by side: people, and the share of the step
/// before.
fn windows_table(doc: &Document, funnels: &[Funnel]) -> Result<Element, JsValue> {
    let mut head = vec![msg("results_step")];
    head.extend(funnels.iter().map(|f| message("results_months", &[f.months.to_string()])));
    let rows: Vec<Vec<String>> = STEPS
        .iter()
        .enumerate()
        .map(|(k, key)| {
            let mut row = vec![msg(key)];
            for f in funnels {
                let count = f.counts.get(k).copied().unwrap_or(0);
                row.push(match f.conversion(k) {
                    Some(_) => format!("{count} ({})", share(f, k)),
                    None => count.to_string(),
                });
            }
            row
        })
        .collect();
    let table = table(doc, &msg("results_windows_table"), &head, &rows)?;
    table.set_attribute("class", "windows")?;
    Ok(table)
}

/// The weekly pace: its chart, and a table of the weeks.
fn pace_figure(doc: &Document, results: &Results) -> Result<Element, JsValue> {
    let weeks: Vec<(String, u32, u32)> =
        results.weeks.iter().map(|w| (w.from.get(5..).unwrap_or(&w.from).to_owned(), w.yours, w.theirs)).collect();
    let chart = svg(doc, &charts::weekly(&weeks), &msg("results_pace_chart"))?;
    let head = [msg("results_week_of"), msg("results_yours"), msg("results_theirs")];
    let rows: Vec<Vec<String>> =
        results.weeks.iter().map(|w| vec![w.from.clone(), w.yours.to_string(), w.theirs.to_string()]).collect();
    let table = table(doc, &msg("results_pace_table"), &head, &rows)?;
    let legend = el(doc, "p", "legend", "")?;
    append(&legend, &[&el(doc, "span", "key series-0", &msg("results_yours"))?])?;
    append(&legend, &[&el(doc, "span", "key series-1", &msg("results_theirs"))?])?;
    figure(doc, "pace", &[&legend, &chart, &table])
}

/// A median as the table reads it: "2.7 weeks (4)", or "–".
fn weeks(m: Median) -> String {
    match m.tenths {
        Some(t) => {
            let weeks = format!("{}{}{}", t / 10, msg("results_decimal_mark"), t % 10);
            message("results_median_weeks", &[weeks, m.people.to_string()])
        }
        None => "–".to_owned(),
    }
}

/// Time to real life, every site together and each site.
fn times_table(doc: &Document, results: &Results) -> Result<Element, JsValue> {
    let head = [msg("results_site"), msg("results_to_ready"), msg("results_to_asked"), msg("results_to_met")];
    let rows: Vec<Vec<String>> = results
        .times
        .iter()
        .map(|t| {
            let site = t.site.map_or_else(|| msg("results_all_sites"), |s: Site| s.label().to_owned());
            vec![site, weeks(t.to_ready), weeks(t.to_asked), weeks(t.to_met)]
        })
        .collect();
    table(doc, &msg("results_times_table"), &head, &rows)
}

/// The asks by answer, and what came after a cold first one.
fn asks_table(doc: &Document, results: &Results) -> Result<Element, JsValue> {
    let a = results.asks;
    let head = [msg("results_answer"), msg("results_asks_count")];
    let rows: Vec<Vec<String>> = [
        ("results_yes", a.yes),
        ("results_not_now", a.not_now),
        ("results_no_answer", a.no_answer),
        ("results_waiting", a.waiting),
        ("results_cooled", a.cooled),
        ("results_asked_again", a.asked_again),
        ("results_yes_later", a.yes_later),
    ]
    .iter()
    .map(|(key, n)| vec![msg(key), n.to_string()])
    .collect();
    table(doc, &msg("results_asks_table"), &head, &rows)
}
