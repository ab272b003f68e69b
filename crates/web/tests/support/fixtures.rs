//! Content for page tests: one entry that fills every part of the entry page, and enough entries with long
//! texts to fill every list to its page size (so page-weight budgets are measured at their worst).

use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::{App, AppError};
use cogov_core::entry::{EntryKind, Evidence, ExternalId, Provenance, StakeholderGroup, Status, Tag};
use cogov_core::Text;

/// The slug of the entry that shows every field.
pub const RICH_ENTRY: &str = "connected-schools";

/// How many filler entries are made: more than the longest list page shows.
pub const FILLER_ENTRIES: usize = 60;

pub async fn seed(app: &App) -> Result<(), AppError> {
    let tag = |node: &str, text: Option<&str>| Tag {
        node: node.into(),
        provenance: Provenance::Manual { by: "fixture".into() },
        evidence: text
            .map(|t| Evidence { text: Some(t.to_string()), url: Some("https://example.org/evidence".to_string()) }),
    };
    let mut title = Text::new("fr", "Écoles connectées");
    title.values.insert("en".into(), "Connected schools".into());
    let mut summary = Text::new("en", "Brings broadband and teacher training to rural schools.");
    summary.values.insert("ar".into(), "توفير النطاق العريض وتدريب المعلمين للمدارس الريفية.".into());
    let rich = EntryInput {
        kind: Some(EntryKind::Actor),
        slug: Some(RICH_ENTRY.into()),
        status: Some(Status::Published),
        title: Some(title),
        summary: Some(summary),
        stakeholder_group: Some(StakeholderGroup::CivilSociety),
        countries: Some(vec!["SN".into(), "KE".into()]),
        website: Some("https://example.org/schools".into()),
        external_ids: Some(vec![ExternalId { source: "iati".into(), id: "XM-EXAMPLE-1".into() }]),
        tags: Some(vec![tag("sdg:4.1", Some("Enrolment data, 2024.")), tag("gdc:1.1.1", None)]),
        ..Default::default()
    };
    let e = entries::create(app, rich, &Actor::manual("fixture"), "first record").await?;
    let update = EntryInput { website: Some("https://example.org/connected-schools".into()), ..Default::default() };
    entries::update(app, &e.id, update, &Actor::manual("editor"), "new website").await?;
    seed_map(app).await?;
    for i in 0..FILLER_ENTRIES {
        let mut title = Text::new("ar", format!("مبادرة المدارس الرقمية رقم {i} في المناطق الريفية والنائية"));
        title.values.insert("en".into(), format!("Digital schools initiative number {i} in rural and remote areas"));
        let long = varied_text(i, 240);
        let input = EntryInput {
            kind: Some(EntryKind::Initiative),
            slug: Some(format!("filler-{i}")),
            status: Some(Status::Published),
            title: Some(title),
            summary: Some(Text::new("ar", long)),
            countries: Some(vec!["SN".into(), "KE".into(), "BD".into()]),
            tags: Some(vec![tag("sdg:4.1", None)]),
            ..Default::default()
        };
        entries::create(app, input, &Actor::manual("fixture"), "seed").await?;
    }
    Ok(())
}

/// The id of the published GDC contribution of the fixtures (by the rich entry, to commitment gdc:1.1.1).
pub const CONTRIBUTION: &str = "fixture-contribution";
/// The id of the published endorsement of the fixtures (by the rich entry).
pub const ENDORSEMENT: &str = "fixture-endorsement";

/// A contribution and an endorsement with fixed ids, so the pages that show one have a URL in tests/pages.txt.
async fn seed_map(app: &App) -> Result<(), AppError> {
    use cogov_app::map::{self, ContributionInput, EndorsementInput};
    use cogov_core::contribution::{EvidenceLevel, EvidenceLink, Period, Progress};
    let actor = Actor::manual("fixture");
    let mut description = Text::new("en", "Broadband and teacher training for rural schools.");
    description.values.insert("fr".into(), "Haut débit et formation des enseignants pour les écoles rurales.".into());
    let input = ContributionInput {
        contributor: Some(RICH_ENTRY.into()),
        status: Some(Status::Published),
        commitments: Some(vec!["gdc:1.1.1".into(), "gdc:1.2.1".into()]),
        sdg_targets: Some(vec!["sdg:4.1".into()]),
        title: Some(Text::new("en", "Broadband for rural schools")),
        description: Some(description),
        period: Some(Period { start: "2025-01-01".into(), end: Some("2026-12-31".into()) }),
        progress: Some(Progress::Ongoing),
        countries: Some(vec!["SN".into(), "KE".into()]),
        evidence: Some(vec![EvidenceLink { url: "https://example.org/evidence".into(), label: Some("Report".into()) }]),
        evidence_level: Some(EvidenceLevel::Documented),
        ..Default::default()
    };
    let mut c = map::new_contribution(app, input, &actor).await?;
    c.id = CONTRIBUTION.into();
    let revision = cogov_core::entry::Revision {
        entry_id: c.id.clone(),
        number: 1,
        at: c.created_at.clone(),
        actor: "fixture".into(),
        reason: "first record".into(),
        changes: c.changes_since(None),
    };
    app.store().create_contribution(&c, &revision).await?;
    let input = EndorsementInput {
        actor: Some(RICH_ENTRY.into()),
        status: Some(Status::Published),
        date: Some("2025-03-01".into()),
        objectives: Some(vec!["gdc:1".into(), "gdc:3".into()]),
        ..Default::default()
    };
    let (mut e, mut revision) = map::prepare_endorsement(app, input, &actor, "first record").await?;
    e.id = ENDORSEMENT.into();
    revision.entry_id = e.id.clone();
    app.store().create_endorsement(&e, &revision).await?;
    Ok(())
}

/// Arabic text of about `chars` characters, different for every `seed`, so that compression is measured on
/// text that does not simply repeat (a fixed sentence would compress far better than real summaries).
fn varied_text(seed: usize, chars: usize) -> String {
    const WORDS: &[&str] = &[
        "المدارس",
        "الرقمية",
        "المعلمين",
        "الإنترنت",
        "الريفية",
        "التعليم",
        "المحتوى",
        "المفتوح",
        "اللغات",
        "المحلية",
        "الوزارات",
        "المجتمعات",
        "الشباب",
        "النساء",
        "البيانات",
        "المنصات",
        "الشبكات",
        "الحكومة",
        "الخدمات",
        "الصحة",
        "الزراعة",
        "المهارات",
        "التدريب",
        "البنية",
        "التحتية",
        "الطاقة",
        "الشمسية",
        "الهواتف",
        "المحمولة",
        "التطبيقات",
        "الأمن",
        "السيبراني",
        "الخصوصية",
        "الشمول",
        "المالي",
        "الأسواق",
        "التجارة",
        "الإلكترونية",
        "الابتكار",
        "البحث",
        "الجامعات",
        "المكتبات",
        "الأرشيف",
        "الخرائط",
        "المفتوحة",
        "المعايير",
        "الحوكمة",
        "الشراكات",
        "التمويل",
        "الأثر",
    ];
    let mut state = (seed as u64).wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut out = String::new();
    while out.chars().count() < chars {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let word = WORDS[(state >> 33) as usize % WORDS.len()];
        if !out.is_empty() {
            out.push_str(if (state >> 20).is_multiple_of(9) { "، " } else { " " });
        }
        out.push_str(word);
    }
    out.push('.');
    out
}
