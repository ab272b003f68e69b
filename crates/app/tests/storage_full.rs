//! Disk full and read-only, on a small tmpfs holding the SQLite database. Full: writes fail with
//! `ErrorCode::Unavailable` (HTTP 503 `unavailable` in the API; the CLI prints the store's message) and write
//! nothing, reads keep working. Read-only: starting on it is refused with `unavailable`. Afterwards writes work
//! again and `PRAGMA integrity_check` is `ok`. Mounting needs root (CI runs on the build machine as root):
//! elsewhere the test says it is skipped, and under `CI=true` it fails instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::{App, AppError, ErrorCode};
use cogov_core::entry::{EntryKind, Status};
use cogov_core::Text;
use cogov_store::{EntryQuery, Store};

struct Mount(PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(dir.to_path_buf()))
    }

    /// Remounts; retried for a while, because closed connections release their files in the background.
    async fn remount(&self, mode: &str) {
        for _ in 0..100 {
            let status = Command::new("mount").args(["-o", &format!("remount,{mode}")]).arg(&self.0).status();
            if status.is_ok_and(|s| s.success()) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("cannot remount {mode}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn input(title: &str) -> EntryInput {
    EntryInput {
        kind: Some(EntryKind::Initiative),
        status: Some(Status::Published),
        title: Some(Text::new("en", title)),
        ..Default::default()
    }
}

async fn create(app: &App, title: &str) -> Result<(), AppError> {
    entries::create(app, input(title), &Actor::manual("test"), "storage test").await.map(|_| ())
}

async fn count(app: &App) -> usize {
    let q = EntryQuery { kinds: vec!["initiative".into()], limit: 1000, ..Default::default() };
    app.store().list_entries(&q).await.expect("reads keep working").len()
}

/// Fills the file system with one file until it is full.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).expect("filler");
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).is_ok() {}
    let small = [0u8; 512];
    while f.write_all(&small).is_ok() {}
    let _ = f.sync_all();
    path
}

#[tokio::test]
async fn a_full_or_read_only_disk_refuses_writes_cleanly_and_keeps_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(mount) = Mount::tmpfs(dir.path(), "48m") else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true: mounting a tmpfs must work (run as root)");
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let db = dir.path().join("cogov.db");
    let store = cogov_store::SqliteStore::open(&db, 4).await.expect("open");
    store.migrate().await.expect("migrate");
    let app = App::start(Box::new(store)).await.expect("start");
    create(&app, "Written before the disk filled").await.expect("a write on a healthy disk");
    let before = (count(&app).await, app.store().last_seq().await.expect("seq"));

    // Disk full.
    let filler = fill(dir.path());
    let mut refused = 0;
    for i in 0..20 {
        // Pages freed by earlier writes may still take a small one; a few tries fill them too.
        match create(&app, &format!("Refused while full {i} {}", "x".repeat(4000))).await {
            Ok(()) => continue,
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::Unavailable, "{e}");
                refused += 1;
                break;
            }
        }
    }
    assert_eq!(refused, 1, "a write on a full disk is refused");
    let during = count(&app).await;
    assert!(during >= before.0, "reads keep working on a full disk");
    std::fs::remove_file(&filler).expect("free the disk");

    // Read-only: the kernel refuses to make a file system read-only while files on it are open for writing
    // (tmpfs; ext4 with errors=remount-ro does it by force, which this test cannot do), so the instance stops,
    // the disk turns read-only, and starting again on it is refused with `unavailable`, naming the cause.
    // The last connection to close checkpoints the WAL and removes -wal and -shm, or SQLite could still open the
    // database read-only from the files left behind. After the full disk, the pools' connections sometimes all
    // close without any of them doing it (about one run in ten here, with no file of the database still open):
    // then one connection alone checkpoints and, closing last, removes them, as an operator would.
    app.store().close().await;
    drop(app);
    let shm = dir.path().join("cogov.db-shm");
    for _ in 0..40 {
        if !shm.exists() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    if shm.exists() {
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&db);
        let mut conn = sqlx::ConnectOptions::connect(&options).await.expect("connect alone");
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut conn).await.expect("checkpoint");
        sqlx::Connection::close(conn).await.expect("close");
    }
    assert!(!shm.exists(), "the instance closed its database before the disk turns read-only");
    mount.remount("ro").await;
    let reopened = async {
        let store = cogov_store::SqliteStore::open(&db, 4).await.map_err(AppError::from)?;
        App::start(Box::new(store)).await
    };
    let e = reopened.await.err().expect("a SQLite instance cannot run on a read-only disk (WAL needs its -shm file)");
    assert_eq!(e.code(), ErrorCode::Unavailable, "{e}");
    assert!(e.to_string().contains("unable to open database file"), "{e}");
    mount.remount("rw").await;
    let store = cogov_store::SqliteStore::open(&db, 4).await.expect("reopen");
    let app = App::start(Box::new(store)).await.expect("start");

    create(&app, "Written after recovery").await.expect("writes work again");
    assert_eq!(count(&app).await, during + 1);
    assert!(app.store().last_seq().await.expect("seq") > before.1);
    drop(app);

    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&db);
    let mut conn = sqlx::ConnectOptions::connect(&options).await.expect("connect");
    let (check,): (String,) =
        sqlx::query_as("PRAGMA integrity_check").fetch_one(&mut conn).await.expect("integrity_check");
    assert_eq!(check, "ok");
}
