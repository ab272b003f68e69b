//! `cogov bench opinion`: times the full analysis on synthetic conversations at pol.is's largest
//! production size and at its hard caps, and the same pipeline written with numpy / scikit-learn
//! (`bench/opinion_baseline.py`, run with an external Python; Python is never a runtime dependency).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::Context as _;

use crate::analysis::{analyze, Params};
use crate::compare::adjusted_rand_index;
use crate::synth::{synthesize, SynthSpec};

/// One benchmark size: `PARTICIPANTSxSTATEMENTS[:VOTES]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Participants.
    pub participants: usize,
    /// Statements.
    pub statements: usize,
    /// Votes (default: 60 per participant, at most a quarter of the cells).
    pub votes: usize,
}

impl std::str::FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || format!("size '{s}' must look like 33422x783 or 33422x783:2000000");
        let (dims, votes) = match s.split_once(':') {
            Some((d, v)) => (d, Some(v.replace('_', "").parse::<usize>().map_err(|_| err())?)),
            None => (s, None),
        };
        let (p, st) = dims.split_once(['x', 'X']).ok_or_else(err)?;
        let participants: usize = p.replace('_', "").parse().map_err(|_| err())?;
        let statements: usize = st.replace('_', "").parse().map_err(|_| err())?;
        if participants == 0 || statements == 0 {
            return Err(err());
        }
        let votes = votes.unwrap_or_else(|| (participants * 60).min(participants * statements / 4).max(participants));
        Ok(Size { participants, statements, votes })
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}:{}", self.participants, self.statements, self.votes)
    }
}

/// Arguments of `cogov bench opinion`.
#[derive(Clone, Debug, clap::Args)]
pub struct BenchArgs {
    /// Sizes to run, `PARTICIPANTSxSTATEMENTS[:VOTES]`, comma-separated. Defaults: pol.is's largest production
    /// conversation (33,422 × 783, 2 million votes) and its hard caps (100,000 × 10,000, sparse).
    #[arg(long, value_delimiter = ',', default_value = "33422x783:2000000,100000x10000:6000000")]
    pub sizes: Vec<Size>,
    /// Seed of the synthetic conversations and of the analysis.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Planted opinion groups in the synthetic conversations.
    #[arg(long, default_value_t = 3)]
    pub groups: usize,
    /// Analysis runs per size (the median time is reported).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Python interpreter with numpy and scikit-learn for the baseline.
    #[arg(long, default_value = "python3")]
    pub python: PathBuf,
    /// The baseline script (default: bench/opinion_baseline.py of the repository).
    #[arg(long)]
    pub baseline_script: Option<PathBuf>,
    /// Do not run the numpy / scikit-learn baseline.
    #[arg(long)]
    pub skip_baseline: bool,
}

/// Measured figures for one size.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct BenchResult {
    /// The size.
    pub size: String,
    /// Votes actually generated.
    pub votes: usize,
    /// Seconds to generate the conversation.
    pub generate_s: f64,
    /// Seconds to build the sparse vote matrix from (participant, statement, vote) triplets.
    pub build_s: f64,
    /// Median seconds of the full analysis.
    pub analysis_s: f64,
    /// `build_s + analysis_s`: what the ratio to the baseline is computed on.
    pub total_s: f64,
    /// Every analysis run, in seconds.
    pub runs_s: Vec<f64>,
    /// Stage timings of the median run.
    pub stages: crate::analysis::Timings,
    /// Peak resident memory of the process for this size (generation + analysis), MB.
    pub peak_rss_mb: Option<f64>,
    /// Groups found.
    pub groups: usize,
    /// ARI of the groups against the planted groups (participants in groups).
    pub ari_planted: f64,
    /// Baseline: variant ("dense" or "sparse"), seconds, peak MB, groups, ARI against planted.
    pub baseline: Option<serde_json::Value>,
    /// Baseline seconds / cogov total seconds.
    pub ratio: Option<f64>,
    /// Why the baseline did not run.
    pub baseline_skipped: Option<String>,
}

fn reset_peak_rss() {
    // Linux ≥ 4.0: writing 5 to clear_refs resets the VmHWM high-water mark.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident set size of this process (VmHWM), in MB.
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn default_script() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/opinion_baseline.py");
    if repo.exists() {
        repo
    } else {
        PathBuf::from("bench/opinion_baseline.py")
    }
}

fn write_npy<T: Copy>(path: &Path, descr: &str, data: &[T], to_le: impl Fn(T) -> Vec<u8>) -> anyhow::Result<()> {
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({},), }}", data.len());
    let total = 10 + header.len() + 1;
    let pad = (64 - total % 64) % 64;
    header.push_str(&" ".repeat(pad));
    header.push('\n');
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| path.display().to_string())?);
    f.write_all(b"\x93NUMPY\x01\x00")?;
    f.write_all(&(header.len() as u16).to_le_bytes())?;
    f.write_all(header.as_bytes())?;
    for &x in data {
        f.write_all(&to_le(x))?;
    }
    f.flush()?;
    Ok(())
}

fn python_has_numpy(python: &Path) -> Result<(), String> {
    match Command::new(python).args(["-c", "import numpy, sklearn, scipy"]).output() {
        Err(e) => Err(format!("cannot run {}: {e}", python.display())),
        Ok(o) if !o.status.success() => Err(format!(
            "{} lacks numpy / scikit-learn / scipy (pip install numpy scikit-learn): {}",
            python.display(),
            String::from_utf8_lossy(&o.stderr).lines().last().unwrap_or("")
        )),
        Ok(_) => Ok(()),
    }
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() {
        0.0
    } else {
        s[s.len() / 2]
    }
}

/// `cogov bench opinion`: runs the benchmark, printing progress and a summary table to `out`.
pub fn run_bench(args: BenchArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    bench_results(args, out).map(|_| ())
}

/// Like [`run_bench`], and also returns the figures.
pub fn bench_results(args: BenchArgs, out: &mut dyn Write) -> anyhow::Result<Vec<BenchResult>> {
    let script = args.baseline_script.clone().unwrap_or_else(default_script);
    let baseline_ok = if args.skip_baseline {
        Err("--skip-baseline".to_string())
    } else if !script.exists() {
        Err(format!("baseline script {} not found", script.display()))
    } else {
        python_has_numpy(&args.python)
    };
    if let Err(why) = &baseline_ok {
        writeln!(out, "numpy / scikit-learn baseline skipped: {why}")?;
    }
    writeln!(out, "threads: {}", rayon::current_num_threads())?;
    let mut results = Vec::new();
    for size in &args.sizes {
        reset_peak_rss();
        writeln!(
            out,
            "\n== {} participants × {} statements, ~{} votes",
            size.participants, size.statements, size.votes
        )?;
        let t = Instant::now();
        let syn = synthesize(&SynthSpec {
            participants: size.participants,
            statements: size.statements,
            votes: size.votes,
            groups: args.groups,
            seed: args.seed,
        });
        let generate_s = t.elapsed().as_secs_f64();
        writeln!(out, "generated {} votes in {generate_s:.2} s", syn.matrix.n_votes())?;
        // Building the sparse matrix from vote triplets is part of cogov's pipeline (the baseline starts from
        // the same triplets): timed separately and included in the total used for the ratio.
        let (row_ptr, cols, vals) = syn.matrix.csr();
        let mut trip_rows: Vec<u32> = Vec::with_capacity(cols.len());
        for p in 0..syn.matrix.n_participants() {
            trip_rows.extend(std::iter::repeat_n(p as u32, row_ptr[p + 1] - row_ptr[p]));
        }
        let t = Instant::now();
        let built = crate::matrix::VoteMatrix::from_triplets(
            syn.matrix.n_participants(),
            syn.matrix.n_statements(),
            &trip_rows,
            cols,
            vals,
        )?;
        let build_s = t.elapsed().as_secs_f64();
        drop(trip_rows);
        anyhow::ensure!(built.csr() == syn.matrix.csr(), "matrix built from triplets differs");
        drop(built);
        let params = Params { seed: args.seed, ..Params::default() };
        let none = std::collections::HashSet::new();
        let mut runs = Vec::new();
        let mut last = None;
        for _ in 0..args.repeat.max(1) {
            let t = Instant::now();
            let a = analyze(&syn.matrix, &none, &params, None);
            runs.push(t.elapsed().as_secs_f64());
            last = Some(a);
        }
        let a = last.context("no analysis run")?;
        let peak = peak_rss_mb();
        let mut ours = Vec::new();
        let mut truth = Vec::new();
        for (p, r) in a.participants.iter().enumerate() {
            if let Some(g) = r.group {
                ours.push(g);
                truth.push(syn.planted[p]);
            }
        }
        let mut res = BenchResult {
            size: size.to_string(),
            votes: syn.matrix.n_votes(),
            generate_s,
            build_s,
            analysis_s: median(&runs),
            total_s: build_s + median(&runs),
            runs_s: runs,
            stages: a.timings.clone(),
            peak_rss_mb: peak,
            groups: a.groups.len(),
            ari_planted: adjusted_rand_index(&ours, &truth),
            ..Default::default()
        };
        writeln!(
            out,
            "cogov: matrix {:.3} s + analysis {:.3} s (runs {:?}); stages pca {:.3} ({} iterations) projection {:.3} base {:.3} groups {:.3} stats {:.3}; \
             peak RSS {} MB; {} groups, ARI vs planted {:.3}",
            res.build_s,
            res.analysis_s,
            res.runs_s.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>(),
            a.timings.pca,
            a.pca.iterations,
            a.timings.projection,
            a.timings.base_clusters,
            a.timings.groups,
            a.timings.statistics,
            peak.map_or("?".into(), |p| format!("{p:.0}")),
            res.groups,
            res.ari_planted
        )?;
        drop(a);
        match &baseline_ok {
            Err(why) => res.baseline_skipped = Some(why.clone()),
            Ok(()) => match run_baseline(&args, &script, &syn, args.seed) {
                Ok(v) => {
                    let secs = v.get("seconds").and_then(serde_json::Value::as_f64);
                    res.ratio = secs.map(|s| s / res.total_s.max(1e-9));
                    writeln!(
                        out,
                        "numpy/scikit-learn ({}): {} s ({} s without building the matrix), peak {} MB, {} groups, \
                         ARI vs planted {} → cogov is {}× faster",
                        v.get("variant").and_then(|x| x.as_str()).unwrap_or("?"),
                        secs.map_or("?".into(), |s| format!("{s:.3}")),
                        v.get("seconds_without_matrix")
                            .and_then(serde_json::Value::as_f64)
                            .map_or("?".into(), |s| format!("{s:.3}")),
                        v.get("peak_rss_mb")
                            .and_then(serde_json::Value::as_f64)
                            .map_or("?".into(), |p| format!("{p:.0}")),
                        v.get("groups").map_or("?".into(), ToString::to_string),
                        v.get("ari_planted")
                            .and_then(serde_json::Value::as_f64)
                            .map_or("?".into(), |p| format!("{p:.3}")),
                        res.ratio.map_or("?".into(), |r| format!("{r:.1}"))
                    )?;
                    res.baseline = Some(v);
                }
                Err(e) => {
                    writeln!(out, "baseline failed: {e:#}")?;
                    res.baseline_skipped = Some(format!("failed: {e:#}"));
                }
            },
        }
        results.push(res);
    }
    writeln!(out, "\n| size | votes | cogov matrix s | cogov analysis s | cogov total s | peak MB | groups | ARI planted | baseline | baseline s | baseline MB | ratio |")?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|---|---|")?;
    for r in &results {
        let b = r.baseline.as_ref();
        writeln!(
            out,
            "| {} | {} | {:.3} | {:.3} | {:.3} | {} | {} | {:.3} | {} | {} | {} | {} |",
            r.size,
            r.votes,
            r.build_s,
            r.analysis_s,
            r.total_s,
            r.peak_rss_mb.map_or("?".into(), |p| format!("{p:.0}")),
            r.groups,
            r.ari_planted,
            b.and_then(|b| b.get("variant")).and_then(|v| v.as_str()).unwrap_or("–"),
            b.and_then(|b| b.get("seconds"))
                .and_then(serde_json::Value::as_f64)
                .map_or("–".into(), |s| format!("{s:.3}")),
            b.and_then(|b| b.get("peak_rss_mb"))
                .and_then(serde_json::Value::as_f64)
                .map_or("–".into(), |s| format!("{s:.0}")),
            r.ratio.map_or("–".into(), |x| format!("{x:.1}×"))
        )?;
    }
    Ok(results)
}

fn run_baseline(
    args: &BenchArgs,
    script: &Path,
    syn: &crate::synth::Synthetic,
    seed: u64,
) -> anyhow::Result<serde_json::Value> {
    let dir = std::env::temp_dir().join(format!("cogov-opinion-bench-{}-{seed}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    let m = &syn.matrix;
    let (row_ptr, cols, vals) = m.csr();
    let mut rows: Vec<i32> = Vec::with_capacity(cols.len());
    for p in 0..m.n_participants() {
        rows.extend(std::iter::repeat_n(p as i32, row_ptr[p + 1] - row_ptr[p]));
    }
    let cols32: Vec<i32> = cols.iter().map(|&c| c as i32).collect();
    let planted: Vec<i32> = syn.planted.iter().map(|&g| g as i32).collect();
    write_npy(&dir.join("rows.npy"), "<i4", &rows, |x: i32| x.to_le_bytes().to_vec())?;
    write_npy(&dir.join("cols.npy"), "<i4", &cols32, |x: i32| x.to_le_bytes().to_vec())?;
    write_npy(&dir.join("vals.npy"), "|i1", vals, |x: i8| x.to_le_bytes().to_vec())?;
    write_npy(&dir.join("planted.npy"), "<i4", &planted, |x: i32| x.to_le_bytes().to_vec())?;
    drop((rows, cols32, planted));
    let output = Command::new(&args.python)
        .arg(script)
        .arg(&dir)
        .arg(m.n_participants().to_string())
        .arg(m.n_statements().to_string())
        .arg(seed.to_string())
        .output()
        .with_context(|| format!("running {}", args.python.display()))?;
    let _ = std::fs::remove_dir_all(&dir);
    if !output.status.success() {
        anyhow::bail!("baseline exited with {}: {}", output.status, String::from_utf8_lossy(&output.stderr));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().rev().find(|l| l.trim_start().starts_with('{')).context("no JSON line from baseline")?;
    Ok(serde_json::from_str(line)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        let s: Size = "33422x783:2000000".parse().expect("size");
        assert_eq!(s, Size { participants: 33422, statements: 783, votes: 2_000_000 });
        let s: Size = "100x10".parse().expect("size");
        assert_eq!(s.votes, 250);
        assert!("x".parse::<Size>().is_err());
        assert!("0x5".parse::<Size>().is_err());
        assert!("10x5:z".parse::<Size>().is_err());
    }

    #[test]
    fn missing_python_skips_the_baseline_with_a_message() {
        let args = BenchArgs {
            sizes: vec!["400x30:6000".parse().expect("size")],
            seed: 1,
            groups: 2,
            repeat: 1,
            python: PathBuf::from("/nonexistent/python3"),
            baseline_script: None,
            skip_baseline: false,
        };
        let mut out = Vec::new();
        let res = bench_results(args, &mut out).expect("bench runs without Python");
        let out = String::from_utf8(out).expect("utf8");
        assert!(out.contains("numpy / scikit-learn baseline skipped"), "{out}");
        assert_eq!(res.len(), 1);
        assert!(res[0].baseline.is_none() && res[0].ratio.is_none());
        assert!(res[0].baseline_skipped.is_some());
        assert_eq!(res[0].groups, 2);
        assert!(res[0].ari_planted > 0.5, "planted groups recovered: {}", res[0].ari_planted);
        assert!(out.contains("| 400x30:6000 |"), "{out}");
    }

    #[test]
    fn npy_header_is_aligned() {
        let dir = std::env::temp_dir().join(format!("cogov-npy-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let p = dir.join("a.npy");
        write_npy(&p, "<i4", &[1i32, 2, 3], |x: i32| x.to_le_bytes().to_vec()).expect("write");
        let bytes = std::fs::read(&p).expect("read");
        let hlen = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
        assert_eq!((10 + hlen) % 64, 0);
        assert_eq!(bytes.len(), 10 + hlen + 12);
        assert_eq!(&bytes[10 + hlen..10 + hlen + 4], &1i32.to_le_bytes());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
