//! Server-side SVG for the GDC map: a heatmap of the coverage matrix and a world choropleth.
//!
//! The world geometry is Natural Earth's 1:110m countries as TopoJSON (`data/geo/`, public domain), compiled in.
//! It is decoded once (arcs delta-decoded and dequantized, rings stitched), projected equirectangularly onto a
//! 960 × 480 canvas and rounded to whole pixels, dropping points that fall on the previous pixel: that rounding is
//! the simplification, and it leaves one short path per country. Rendering a choropleth then only writes those
//! paths with a `fill` (a presentation attribute, allowed by the CSP, unlike `style`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

const WORLD_TOPOJSON: &str = include_str!("../../../data/geo/countries-110m.json");
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 480.0;
/// Latitudes below this are cut, and Antarctica is left out: it takes no contributions and would take a fifth of
/// the map.
const SOUTH: f64 = -58.0;
const ANTARCTICA: &str = "010";

/// Fill colours from "none" to "most" (sequential blues; the first is the background for zero).
pub const SCALE: [&str; 6] = ["#eef1f4", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// A country outline: ISO 3166-1 numeric code and the SVG path data.
pub struct CountryShape {
    pub numeric: String,
    pub path: String,
}

/// The projected outlines, decoded once.
pub static WORLD: LazyLock<Vec<CountryShape>> = LazyLock::new(|| decode_world(WORLD_TOPOJSON).unwrap_or_default());

/// The scale bucket of `n` given the largest value `max`: 0 for zero, else 1–5 in equal steps of `max`.
pub fn bucket(n: u64, max: u64) -> usize {
    if n == 0 || max == 0 {
        return 0;
    }
    (((n * 5).div_ceil(max)) as usize).clamp(1, 5)
}

/// The lower bound of each non-zero bucket, for legends: `(bucket, from, to)`.
pub fn legend(max: u64) -> Vec<(usize, u64, u64)> {
    let mut out: Vec<(usize, u64, u64)> = Vec::new();
    for n in 1..=max {
        let b = bucket(n, max);
        match out.last_mut() {
            Some(last) if last.0 == b => last.2 = n,
            _ => out.push((b, n, n)),
        }
    }
    out
}

/// The choropleth: every country filled by its count (ISO numeric → count). `label` is the SVG's accessible name.
pub fn choropleth(counts: &HashMap<String, u64>, label: &str) -> String {
    let max = counts.values().copied().max().unwrap_or(0);
    let height = ((90.0 - SOUTH) / 180.0 * HEIGHT).round();
    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}"><rect width="{WIDTH}" height="{height}" fill="#fff"/><g stroke="#fff" stroke-width=".5">"##,
        escape(label)
    );
    for shape in WORLD.iter() {
        let n = counts.get(&shape.numeric).copied().unwrap_or(0);
        let _ = write!(svg, r#"<path fill="{}" d="{}"/>"#, SCALE[bucket(n, max)], shape.path);
    }
    svg.push_str("</g></svg>");
    svg
}

/// One heatmap: row labels (links), column labels, counts; inline in the page.
pub struct Heatmap<'a> {
    pub label: &'a str,
    pub columns: Vec<String>,
    /// (row label, link, counts per column)
    pub rows: Vec<(String, String, Vec<u64>)>,
}

/// The heatmap as SVG: one row per commitment, one column per group or region, cells filled by count.
pub fn heatmap(h: &Heatmap) -> String {
    let max = h.rows.iter().flat_map(|r| r.2.iter().copied()).max().unwrap_or(0);
    let (left, top, cw, ch) = (64usize, 180usize, 56usize, 12usize);
    let width = left + cw * h.columns.len() + 150;
    let height = top + ch * h.rows.len() + 4;
    let mut svg = String::with_capacity(32 * 1024);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="group" aria-label="{}" font-size="10" font-family="sans-serif">"#,
        escape(h.label)
    );
    for (i, c) in h.columns.iter().enumerate() {
        let x = left + cw * i + cw / 2;
        let _ = write!(svg, r#"<text transform="translate({x} {}) rotate(-60)">{}</text>"#, top - 4, escape(c));
    }
    svg.push_str(r##"<g lang="zxx" fill="#0b5cad">"##);
    for (j, (label, href, _)) in h.rows.iter().enumerate() {
        let y = top + ch * j + ch - 2;
        let _ = write!(svg, r#"<a href="{}"><text x="2" y="{y}">{}</text></a>"#, escape(href), escape(label));
    }
    svg.push_str("</g>");
    for (j, (_, _, counts)) in h.rows.iter().enumerate() {
        let y = top + ch * j;
        for (i, n) in counts.iter().enumerate() {
            let x = left + cw * i;
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{y}" width="{}" height="{}" fill="{}"></rect>"#,
                cw - 1,
                ch - 1,
                SCALE[bucket(*n, max)]
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Decodes a TopoJSON topology's `countries` object into projected, rounded outlines.
fn decode_world(text: &str) -> Option<Vec<CountryShape>> {
    let topo: serde_json::Value = serde_json::from_str(text).ok()?;
    let scale = topo.pointer("/transform/scale")?.as_array()?;
    let translate = topo.pointer("/transform/translate")?.as_array()?;
    let (sx, sy) = (scale.first()?.as_f64()?, scale.get(1)?.as_f64()?);
    let (tx, ty) = (translate.first()?.as_f64()?, translate.get(1)?.as_f64()?);
    let arcs: Vec<Vec<(f64, f64)>> = topo
        .get("arcs")?
        .as_array()?
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    x += p.get(0)?.as_i64()?;
                    y += p.get(1)?.as_i64()?;
                    Some(project(x as f64 * sx + tx, y as f64 * sy + ty))
                })
                .collect()
        })
        .collect();
    let mut shapes = Vec::new();
    for g in topo.pointer("/objects/countries/geometries")?.as_array()? {
        let Some(numeric) = g.get("id").and_then(|v| v.as_str()) else { continue };
        if numeric == ANTARCTICA {
            continue;
        }
        let polygons: Vec<&serde_json::Value> = match g.get("type").and_then(|t| t.as_str()) {
            Some("Polygon") => vec![g.get("arcs")?],
            Some("MultiPolygon") => g.get("arcs")?.as_array()?.iter().collect(),
            _ => continue,
        };
        let mut path = String::new();
        for polygon in polygons {
            for ring in polygon.as_array().into_iter().flatten() {
                let points = stitch(&arcs, ring);
                write_ring(&mut path, &points);
            }
        }
        if !path.is_empty() {
            shapes.push(CountryShape { numeric: numeric.to_string(), path });
        }
    }
    Some(shapes)
}

fn project(lon: f64, lat: f64) -> (f64, f64) {
    ((lon + 180.0) / 360.0 * WIDTH, (90.0 - lat.max(SOUTH)) / 180.0 * HEIGHT)
}

/// A ring's points from its arc indexes (a negative index `~i` is arc `i` reversed); shared end points once.
fn stitch(arcs: &[Vec<(f64, f64)>], ring: &serde_json::Value) -> Vec<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = Vec::new();
    for index in ring.as_array().into_iter().flatten().filter_map(|i| i.as_i64()) {
        let (i, reversed) = if index < 0 { ((!index) as usize, true) } else { (index as usize, false) };
        let Some(arc) = arcs.get(i) else { continue };
        let mut seq: Vec<(f64, f64)> = arc.clone();
        if reversed {
            seq.reverse();
        }
        let skip = usize::from(!points.is_empty());
        points.extend(seq.into_iter().skip(skip));
    }
    points
}

/// Appends a closed ring in relative whole-pixel steps, skipping steps that round to nothing.
fn write_ring(path: &mut String, points: &[(f64, f64)]) {
    let mut rounded: Vec<(i64, i64)> = Vec::with_capacity(points.len());
    for (x, y) in points {
        let p = (x.round() as i64, y.round() as i64);
        if rounded.last() != Some(&p) {
            rounded.push(p);
        }
    }
    if rounded.len() < 3 {
        return;
    }
    let (x0, y0) = rounded[0];
    let _ = write!(path, "M{x0} {y0}");
    let mut prev = (x0, y0);
    let mut first = true;
    for &(x, y) in &rounded[1..] {
        let (dx, dy) = (x - prev.0, y - prev.1);
        // A ring that crosses the antimeridian (Russia, Fiji) jumps across the map: start a new subpath there
        // rather than draw a line over the whole world.
        if dx.abs() > (WIDTH / 2.0) as i64 {
            let _ = write!(path, "M{x} {y}");
            prev = (x, y);
            first = true;
            continue;
        }
        if first {
            path.push('l');
            first = false;
        } else if dx >= 0 {
            path.push(' ');
        }
        let _ = write!(path, "{dx}");
        if dy >= 0 {
            path.push(' ');
        }
        let _ = write!(path, "{dy}");
        prev = (x, y);
    }
    path.push('z');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_world_decodes_into_every_country() {
        assert!(WORLD.len() >= 170, "{} shapes", WORLD.len());
        let kenya = WORLD.iter().find(|s| s.numeric == "404").expect("Kenya");
        // Kenya (about 34–42°E, 5°S–5°N) lands east of the middle and near the equator line (y = 240).
        let start: Vec<i64> = kenya.path[1..].split(['l', ' ']).take(2).filter_map(|n| n.parse().ok()).collect();
        assert!((570..600).contains(&start[0]) && (225..255).contains(&start[1]), "{start:?}");
        let fiji = WORLD.iter().find(|s| s.numeric == "242").expect("Fiji");
        assert!(fiji.path.matches('M').count() >= 2, "islands are separate rings");
    }

    #[test]
    fn buckets_split_the_range_evenly() {
        assert_eq!(bucket(0, 10), 0);
        assert_eq!(bucket(1, 10), 1);
        assert_eq!(bucket(10, 10), 5);
        assert_eq!(bucket(6, 10), 3);
        assert_eq!(legend(2), vec![(3, 1, 1), (5, 2, 2)]);
        let svg = choropleth(&HashMap::from([("404".to_string(), 3)]), "map");
        assert!(svg.contains(SCALE[5]) && !svg.contains("style="));
    }
}
