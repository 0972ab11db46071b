//! `-o FILE` is written one way by every command: through a temporary file renamed over a
//! regular file, with the mode any new file gets; a FIFO is written in place.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::process::Command;

use crate::common::{check, Env, BIN};

/// Run the binary in `env` under umask `mask` (through `sh`, which sets it).
fn under_umask(env: &Env, mask: &str, args: &[&str]) {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .current_dir(env.dir.path())
        .env("WHOSAID_DB", env.db());
    let out = cmd.output().unwrap();
    check(args, &out, Some(0));
}

fn mode(env: &Env, name: &str) -> u32 {
    std::fs::metadata(env.path(name))
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn streamed_and_rendered_outputs_get_the_mode_of_a_new_file() {
    let env = Env::new();
    env.add_sample(&[]);
    for mask in ["022", "027"] {
        let expected = 0o666 & !u32::from_str_radix(mask, 8).unwrap();
        for (cmd, name) in [
            (&["export", "-o", "e.csv"][..], "e.csv"),
            (&["report", "--all", "-o", "r.txt"], "r.txt"),
            (&["articles", "-o", "a.txt"], "a.txt"),
            (&["worksheet", "cartels", "-o", "w.csv"], "w.csv"),
        ] {
            let _ = std::fs::remove_file(env.path(name));
            under_umask(&env, mask, cmd);
            assert_eq!(mode(&env, name), expected, "{cmd:?} under umask {mask}");
        }
    }
    // A file written over keeps its mode.
    std::fs::set_permissions(env.path("e.csv"), std::fs::Permissions::from_mode(0o640)).unwrap();
    under_umask(&env, "022", &["export", "-o", "e.csv"]);
    assert_eq!(mode(&env, "e.csv"), 0o640);
}

#[test]
fn a_fifo_named_by_o_is_written_in_place() {
    let env = Env::new();
    env.add_sample(&[]);
    let expected = env.ok(&["export"]);
    let status = Command::new("mkfifo")
        .arg(env.path("pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    // A reader on the other end, started first.
    let mut reader = Command::new("sh")
        .arg("-c")
        .arg("cat pipe > got.csv")
        .current_dir(env.dir.path())
        .spawn()
        .unwrap();
    let out = env.run(&["export", "-o", "pipe"]);
    let still_fifo = std::fs::symlink_metadata(env.path("pipe"))
        .unwrap()
        .file_type()
        .is_fifo();
    if !still_fifo {
        // the FIFO was replaced: its reader would wait for ever
        let _ = reader.kill();
    }
    let _ = reader.wait();
    check(&["export", "-o", "pipe"], &out, Some(0));
    assert!(still_fifo, "the FIFO was replaced by a file");
    assert_eq!(
        std::fs::read_to_string(env.path("got.csv")).unwrap(),
        expected
    );
}

#[test]
fn dash_as_the_output_is_standard_output() {
    let env = Env::new();
    env.add_sample(&[]);
    let page = env.ok(&["annotate", "1", "-o", "-"]);
    assert!(page.contains("<html"), "{}", &page[..page.len().min(200)]);
    let csv = env.ok(&["report", "1", "-f", "csv", "-o", "-"]);
    assert!(csv.starts_with("article"), "{csv}");
    assert!(!env.path("-").exists(), "a file named - was written");
}
