"""The UI's documents say what the program does: the man page, docs/ui.md (no terminal needed)."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_man_page_version_environment_and_examples():
    man = (ROOT / "docs/cbdest.1").read_text()
    version = (ROOT / "VERSION").read_text().strip()
    assert re.search(rf'^\.TH CBDEST 1 "\d+" "cbdest {re.escape(version)}"', man, re.M)
    env = man.split(".SH ENVIRONMENT", 1)[1].split(".SH FILES", 1)[0]
    for var in ("METORIAL_API_KEY", "CBDEST_API_KEY_FILE", "METORIAL_BASE_URL", "CBDEST_PROFILE",
                "CBDEST_CONFIG", "CBDEST_VERBOSE", "NO_COLOR"):
        assert f".B {var}" in env or f"{var}\"" in env or var in env, var
    examples = man.split(".SH EXAMPLES", 1)[1].split(".SH", 1)[0]
    assert "metorial_sk_" not in examples               # no key in shell history
    assert "api\\-key\\-file" in examples and "CBDEST_API_KEY_FILE" in examples
    see_also = man.split(".SH SEE ALSO", 1)[1]
    assert "cbdest\\-server (1)" not in see_also        # there is no such page
    assert not (ROOT / "docs/cbdest-server.1").exists()


def test_ui_md_describes_the_real_layout_and_detail_scrolling():
    ui = (ROOT / "docs/ui.md").read_text()
    mock = ui.split("```", 2)[1]
    assert "│Name" in mock and "│ID" in mock              # the split view: detail on the right
    heading = [line for line in mock.split("\n") if "NAME" in line][0]
    assert " ID " not in heading.split("│")[0] and not heading.split("│")[0].rstrip().endswith("ID")
    assert "j/k/PgDn/PgUp" in ui and "Tab or `l`" in ui
    keys = (ROOT / "docs/keys.md").read_text()
    assert "the detail: scroll down a line" in keys
    assert "| `Tab` | browse |" in keys and "| `!` | browse |" in keys
