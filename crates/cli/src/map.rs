//! `cogov map …`: record contributions and endorsements of the Global Digital Compact, load the illustrative
//! sample, print coverage; and `cogov bench coverage`, the map's benchmark.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, Subcommand};
use cogov_app::entries::Actor;
use cogov_app::map::coverage::CoverageFilter;
use cogov_app::map::{self, ContributionInput, EndorsementInput};
use cogov_app::App;
use cogov_core::contribution::{Contribution, EvidenceLevel, Period, Progress};
use cogov_core::entry::{Entry, EntryKind, Provenance, Revision, StakeholderGroup, Status};
use cogov_core::Text;
use cogov_store::{ContributionQuery, StoreConfig};

#[derive(Subcommand)]
pub enum MapCommand {
    /// Record a contribution from a JSON file (fields: docs/api.md, "GDC implementation map").
    Contribute {
        file: PathBuf,
        /// Who records it (kept in the revision).
        #[arg(long, default_value = "cli")]
        by: String,
        #[arg(long, default_value = "recorded from the command line")]
        reason: String,
    },
    /// Change a contribution: the JSON file holds only the fields to change.
    Update {
        id: String,
        file: PathBuf,
        #[arg(long, default_value = "cli")]
        by: String,
        #[arg(long)]
        reason: String,
    },
    /// Record an endorsement of the Compact from a JSON file.
    Endorse {
        file: PathBuf,
        #[arg(long, default_value = "cli")]
        by: String,
        #[arg(long, default_value = "recorded from the command line")]
        reason: String,
    },
    /// Change an endorsement (its date, objectives, statement or status): the JSON file holds only the fields to
    /// change; the endorsing actor cannot change.
    UpdateEndorsement {
        id: String,
        file: PathBuf,
        #[arg(long, default_value = "cli")]
        by: String,
        #[arg(long)]
        reason: String,
    },
    /// Load the bundled illustrative sample (fictional organizations; not real declarations).
    LoadSample,
    /// Print the coverage matrix (JSON).
    Coverage,
}

pub async fn run(app: &App, cmd: MapCommand) -> anyhow::Result<()> {
    let read = |file: &PathBuf| -> anyhow::Result<String> {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))
    };
    match cmd {
        MapCommand::Contribute { file, by, reason } => {
            let input: ContributionInput = parse(&file, &read(&file)?)?;
            let c = map::create_contribution(app, input, &Actor::manual(&by), &reason).await?;
            println!("{}", serde_json::to_string_pretty(&c)?);
        }
        MapCommand::Update { id, file, by, reason } => {
            let input: ContributionInput = parse(&file, &read(&file)?)?;
            let (c, changed) = map::update_contribution(app, &id, input, &Actor::manual(&by), &reason).await?;
            if !changed {
                eprintln!("nothing changed");
            }
            println!("{}", serde_json::to_string_pretty(&c)?);
        }
        MapCommand::Endorse { file, by, reason } => {
            let input: EndorsementInput = parse(&file, &read(&file)?)?;
            let e = map::create_endorsement(app, input, &Actor::manual(&by), &reason).await?;
            println!("{}", serde_json::to_string_pretty(&e)?);
        }
        MapCommand::UpdateEndorsement { id, file, by, reason } => {
            let input: EndorsementInput = parse(&file, &read(&file)?)?;
            let (e, changed) = map::update_endorsement(app, &id, input, &Actor::manual(&by), &reason).await?;
            if !changed {
                eprintln!("nothing changed");
            }
            println!("{}", serde_json::to_string_pretty(&e)?);
        }
        MapCommand::LoadSample => {
            let done = map::sample::load(app).await?;
            println!("{}", serde_json::to_string(&done)?);
        }
        MapCommand::Coverage => {
            let cov = map::coverage::coverage(app, &CoverageFilter::default()).await?;
            println!("{}", serde_json::to_string_pretty(&cov)?);
        }
    }
    Ok(())
}

fn parse<T: serde::de::DeserializeOwned>(file: &std::path::Path, text: &str) -> anyhow::Result<T> {
    serde_json::from_str(text).map_err(|e| anyhow::anyhow!("{}:{}:{}: {e}", file.display(), e.line(), e.column()))
}

/// `cogov bench coverage`
#[derive(Args, Clone)]
pub struct CoverageBenchArgs {
    /// Contributions to generate.
    #[arg(long, default_value_t = 100_000)]
    pub contributions: usize,
    /// Timed repetitions of each measurement (the median is reported).
    #[arg(long, default_value_t = 15)]
    pub runs: usize,
}

/// Generates a synthetic instance (SQLite in a temporary directory), then measures the coverage matrix, the
/// heatmap page, the choropleth and their sizes, against a naive per-commitment SQL count of the same matrix.
pub async fn bench_coverage(args: CoverageBenchArgs) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("cogov-bench-coverage-{}", std::process::id()));
    let result = bench_in(&dir, &args).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn bench_in(dir: &std::path::Path, args: &CoverageBenchArgs) -> anyhow::Result<()> {
    let config = StoreConfig { database_url: None, data_dir: dir.to_path_buf(), max_connections: 4 };
    let app = App::start(cogov_store::open(&config).await?).await?;
    let catalog = app.catalog();
    let commitments: Vec<String> = map::commitments(&catalog).iter().map(|n| n.id.clone()).collect();
    let countries: Vec<String> =
        catalog.countries.iter().filter(|c| !c.region.is_empty()).map(|c| c.iso2.clone()).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let t0 = Instant::now();
    let mut contributors = Vec::new();
    for i in 0..600usize {
        let kind = if i % 6 == 5 { EntryKind::Initiative } else { EntryKind::Actor };
        let group = (kind == EntryKind::Actor).then(|| StakeholderGroup::ALL[i % StakeholderGroup::ALL.len()]);
        let e = entry(
            &format!("bench-contributor-{i}"),
            kind,
            group,
            vec![countries[rng.below(countries.len())].clone()],
            vec![],
        );
        app.store().create_entry(&e, &revision(&e.id)).await?;
        contributors.push(e.id);
    }
    let sdg: Vec<String> =
        catalog.nodes.iter().filter(|n| n.framework() == "sdg" && n.level == "target").map(|n| n.id.clone()).collect();
    for i in 0..1000usize {
        let tags = vec![sdg[rng.below(sdg.len())].clone(), sdg[rng.below(sdg.len())].clone()];
        let e = entry(&format!("bench-dpg-{i}"), EntryKind::DigitalPublicGood, None, vec![], tags);
        app.store().create_entry(&e, &revision(&e.id)).await?;
    }
    let mut batch = Vec::with_capacity(10_000);
    for i in 0..args.contributions {
        let mut cs: Vec<String> =
            (0..1 + rng.below(3)).map(|_| commitments[rng.below(commitments.len())].clone()).collect();
        cs.sort();
        cs.dedup();
        let mut where_: Vec<String> =
            (0..rng.below(4)).map(|_| countries[rng.below(countries.len())].clone()).collect();
        where_.sort();
        where_.dedup();
        let c = Contribution {
            id: format!("{i:08}"),
            contributor: contributors[rng.below(contributors.len())].clone(),
            status: Status::Published,
            commitments: cs,
            sdg_targets: vec![],
            wsis_lines: vec![],
            title: Text::new("en", format!("Synthetic contribution {i}")),
            description: Text::default(),
            period: Period { start: format!("20{:02}-01-01", 24 + rng.below(3)), end: None },
            progress: Progress::ALL[rng.below(3)],
            countries: where_,
            evidence: vec![],
            evidence_level: EvidenceLevel::SelfDeclared,
            provenance: Provenance::Manual { by: "bench".into() },
            created_at: cogov_store::now(),
            updated_at: cogov_store::now(),
        };
        let r = revision(&c.id);
        batch.push((c, r));
        if batch.len() == 10_000 {
            app.store().import_contributions(&batch).await?;
            batch.clear();
        }
    }
    app.store().import_contributions(&batch).await?;
    let setup = t0.elapsed();

    app.map().reset().await;
    let t = Instant::now();
    map::coverage::coverage(&app, &CoverageFilter::default()).await?;
    let build = t.elapsed();
    let matrix = median(args.runs, || async {
        Ok(map::coverage::coverage(&app, &CoverageFilter::default()).await.map(|_| ())?)
    })
    .await?;
    let heatmap =
        median(args.runs, || async { expect_ok(cogov_web::map::serve_once(&app, "/en/map", None).await).map(|_| ()) })
            .await?;
    let world_svg = median(args.runs, || async {
        expect_ok(cogov_web::map::serve_once(&app, "/map/world.svg", None).await).map(|_| ())
    })
    .await?;
    let world_page = median(args.runs, || async {
        expect_ok(cogov_web::map::serve_once(&app, "/en/map/world", None).await).map(|_| ())
    })
    .await?;

    let size = |uri: &'static str, enc: Option<&'static str>| {
        let app = app.clone();
        async move { expect_ok(cogov_web::map::serve_once(&app, uri, enc).await).map(|b| b.len()) }
    };
    let heatmap_html =
        String::from_utf8_lossy(&expect_ok(cogov_web::map::serve_once(&app, "/en/map", None).await)?).into_owned();
    let heatmap_svg_raw =
        heatmap_html.find("<svg").and_then(|a| heatmap_html.find("</svg>").map(|b| b + 6 - a)).unwrap_or(0);
    let (page_raw, page_gz, page_br) =
        (size("/en/map", None).await?, size("/en/map", Some("gzip")).await?, size("/en/map", Some("br")).await?);
    let (svg_raw, svg_gz, svg_br) = (
        size("/map/world.svg", None).await?,
        size("/map/world.svg", Some("gzip")).await?,
        size("/map/world.svg", Some("br")).await?,
    );

    // Baseline: the heatmap's numbers (total and one column per stakeholder group, per commitment) counted by
    // SQL, one query per cell, as a straightforward implementation would.
    let mut group_members: Vec<Vec<String>> = vec![Vec::new(); StakeholderGroup::ALL.len() + 1];
    for (i, id) in contributors.iter().enumerate() {
        let col = if i % 6 == 5 { StakeholderGroup::ALL.len() } else { i % StakeholderGroup::ALL.len() };
        group_members[col].push(id.clone());
    }
    let t = Instant::now();
    for c in &commitments {
        let base =
            ContributionQuery { statuses: vec!["published".into()], nodes: vec![c.clone()], ..Default::default() };
        app.store().count_contributions(&base).await?;
        for members in &group_members {
            app.store()
                .count_contributions(&ContributionQuery { contributors: members.clone(), ..base.clone() })
                .await?;
        }
    }
    let baseline = t.elapsed();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("cogov bench coverage: {} contributions over {} commitments, 600 contributors, 1,000 SDG-tagged entries (SQLite)", args.contributions, commitments.len());
    println!("  setup (synthetic data)                      {:>10.0} ms", ms(setup));
    println!("  projection build from the store (cold)      {:>10.1} ms", ms(build));
    println!("  coverage matrix, warm (median of {})        {:>10.2} ms", args.runs, ms(matrix));
    println!("  heatmap page GET /en/map (server, median)   {:>10.2} ms   target <= 50 ms", ms(heatmap));
    println!("  choropleth GET /map/world.svg (median)      {:>10.2} ms   target <= 30 ms", ms(world_svg));
    println!("  world page GET /en/map/world (median)       {:>10.2} ms", ms(world_page));
    println!(
        "  baseline: per-commitment SQL counts (heatmap cells, {} queries) {:>10.1} ms",
        commitments.len() * 8,
        ms(baseline)
    );
    println!("  ratio baseline / heatmap page               {:>10.1}x", ms(baseline) / ms(heatmap));
    println!("  ratio baseline / coverage matrix            {:>10.1}x", ms(baseline) / ms(matrix));
    println!("  heatmap SVG inline {heatmap_svg_raw} B raw; whole heatmap page {page_raw} B raw, {page_gz} B gzip, {page_br} B br   target SVG < 60 KB compressed");
    println!("  choropleth SVG {svg_raw} B raw, {svg_gz} B gzip, {svg_br} B br   target < 60 KB compressed");
    Ok(())
}

fn expect_ok(r: Result<(u16, Vec<u8>), cogov_app::AppError>) -> anyhow::Result<Vec<u8>> {
    let (status, body) = r?;
    anyhow::ensure!(status == 200, "status {status}: {}", String::from_utf8_lossy(&body));
    Ok(body)
}

async fn median<F, Fut>(runs: usize, f: F) -> anyhow::Result<Duration>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    f().await?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        f().await?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

fn entry(
    slug: &str,
    kind: EntryKind,
    group: Option<StakeholderGroup>,
    countries: Vec<String>,
    tags: Vec<String>,
) -> Entry {
    Entry {
        id: slug.to_string(),
        kind,
        slug: slug.to_string(),
        status: Status::Published,
        title: Text::new("en", slug),
        summary: Text::default(),
        stakeholder_group: group,
        countries,
        regions: vec![],
        website: None,
        external_ids: vec![],
        tags: tags
            .into_iter()
            .map(|node| cogov_core::entry::Tag {
                node,
                provenance: Provenance::Manual { by: "bench".into() },
                evidence: None,
            })
            .collect(),
        provenance: Provenance::Manual { by: "bench".into() },
        attributes: Default::default(),
        created_at: cogov_store::now(),
        updated_at: cogov_store::now(),
    }
}

fn revision(id: &str) -> Revision {
    Revision {
        entry_id: id.to_string(),
        number: 1,
        at: cogov_store::now(),
        actor: "bench".into(),
        reason: "synthetic".into(),
        changes: vec![],
    }
}

/// A small deterministic generator (xorshift64*), so every run builds the same data.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}
